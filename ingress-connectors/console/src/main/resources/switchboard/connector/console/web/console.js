// The Switchboard console page: plain JavaScript over the JSON API of the module README.
// Everything the server sends is inserted as text (textContent), never as HTML.
"use strict";

const state = { user: "", channel: "", next: 0, generation: 0, poll: null, botName: "switchboard" };
const $ = (id) => document.getElementById(id);

async function api(method, path, body, signal) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  const json = await response.json();
  if (!response.ok) {
    throw new Error(json.error || response.statusText);
  }
  return json;
}

function status(text) {
  $("status").textContent = text || "";
}

function clientMessageId() {
  return window.crypto && crypto.randomUUID
    ? crypto.randomUUID()
    : Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
}

// Inline markup of the portable format: `code`, *bold*, and @mentions.
function appendInline(parent, text) {
  const token = /(`[^`\n]+`)|(\*[^*\n]+\*)|(@[A-Za-z0-9][A-Za-z0-9._-]*)/g;
  let last = 0;
  let match;
  while ((match = token.exec(text)) !== null) {
    parent.appendChild(document.createTextNode(text.slice(last, match.index)));
    let node;
    if (match[1]) {
      node = document.createElement("code");
      node.textContent = match[1].slice(1, -1);
    } else if (match[2]) {
      node = document.createElement("strong");
      node.textContent = match[2].slice(1, -1);
    } else {
      node = document.createElement("span");
      node.className = "mention";
      node.textContent = match[3];
    }
    parent.appendChild(node);
    last = token.lastIndex;
  }
  parent.appendChild(document.createTextNode(text.slice(last)));
}

// Text with ```fenced blocks``` becomes paragraphs and <pre> blocks.
function appendText(parent, text) {
  const parts = text.split("```");
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      const pre = document.createElement("pre");
      pre.textContent = part.replace(/^\n/, "");
      parent.appendChild(pre);
    } else if (part.length > 0) {
      const div = document.createElement("div");
      div.className = "text";
      appendInline(div, part);
      parent.appendChild(div);
    }
  });
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function render(message) {
  const box = element("div", "message from-" + message.from);
  box.dataset.seq = message.seq;
  box.dataset.from = message.from;
  if (message.kind) box.dataset.kind = message.kind;
  if (message.status) box.classList.add("status-" + message.status);
  if (message.whisper) box.classList.add("whisper");
  if (message.bot) box.classList.add("other-bot");

  const meta = element("div", "meta");
  meta.appendChild(element("span", "who", message.user));
  meta.appendChild(element("span", "time", new Date(message.time).toLocaleTimeString()));
  if (message.from === "bot" && message.kind) meta.appendChild(element("span", "badge kind", message.kind));
  if (message.whisper) meta.appendChild(element("span", "badge", "only visible to you"));
  if (message.bot) meta.appendChild(element("span", "badge", "bot"));
  box.appendChild(meta);

  if (message.pretext) {
    const pretext = element("div", "pretext");
    appendInline(pretext, message.pretext);
    box.appendChild(pretext);
  }
  if (message.interaction) {
    box.appendChild(element("div", "text interaction",
      "pressed " + message.interaction.actionId + (message.interaction.value ? " = " + message.interaction.value : "")));
  }
  const body = element("div", "body");
  if (message.mention) {
    body.appendChild(element("span", "mention", "@" + message.mention));
    body.appendChild(document.createTextNode(" "));
  }
  appendText(body, message.text || "");
  box.appendChild(body);

  if (message.fields && message.fields.length > 0) {
    const table = element("table", "fields");
    message.fields.forEach((field) => {
      const row = element("tr");
      row.appendChild(element("th", null, field.title));
      row.appendChild(element("td", null, field.value));
      table.appendChild(row);
    });
    box.appendChild(table);
  }
  (message.codeBlocks || []).forEach((code) => box.appendChild(element("pre", "code-block", code)));
  if (message.buttons && message.buttons.length > 0) {
    const buttons = element("div", "buttons");
    message.buttons.forEach((button) => {
      const node = element("button", button.style || "", button.label);
      node.type = "button";
      node.dataset.actionId = button.actionId;
      node.addEventListener("click", () => press(message, button));
      buttons.appendChild(node);
    });
    box.appendChild(buttons);
  }
  const list = $("messages");
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.appendChild(box);
  if (atBottom) list.scrollTop = list.scrollHeight;
}

async function press(message, button) {
  try {
    await api("POST", "/api/interactions", {
      user: state.user, channel: state.channel, actionId: button.actionId,
      value: button.value, replyId: message.replyId, clientMessageId: clientMessageId(),
    });
    status("");
  } catch (e) {
    status("could not send: " + e.message);
  }
}

// Long-polls the channel until another channel is joined; one loop per join.
async function poll(generation) {
  while (generation === state.generation) {
    try {
      const path = "/api/channels/" + encodeURIComponent(state.channel) + "/messages?after=" + state.next +
        "&wait=25&user=" + encodeURIComponent(state.user);
      const page = await api("GET", path, undefined, state.poll.signal);
      if (generation !== state.generation) return;
      page.messages.forEach(render);
      state.next = page.next;
      status("");
    } catch (e) {
      if (generation !== state.generation) return;
      status("connection lost, retrying: " + e.message);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

function join() {
  const user = $("user").value.trim();
  const channel = $("channel").value.trim();
  if (!$("identity").reportValidity()) return;
  if (state.poll) state.poll.abort();
  state.user = user;
  state.channel = channel;
  state.next = 0;
  state.generation += 1;
  state.poll = new AbortController();
  localStorage.setItem("switchboard.console.user", user);
  localStorage.setItem("switchboard.console.channel", channel);
  $("messages").replaceChildren();
  document.title = channel + " - Switchboard console";
  poll(state.generation);
  $("text").focus();
}

async function send(event) {
  event.preventDefault();
  const text = $("text").value;
  if (text.trim() === "") return;
  if (state.user !== $("user").value.trim() || state.channel !== $("channel").value.trim()) join();
  try {
    await api("POST", "/api/messages", {
      user: state.user, channel: state.channel, text, clientMessageId: clientMessageId(),
    });
    $("text").value = "";
    status("");
  } catch (e) {
    status("could not send: " + e.message);
  }
}

async function init() {
  const info = await api("GET", "/api/info");
  state.botName = info.botName;
  if (info.banner) {
    $("banner").textContent = info.banner;
    $("banner").hidden = false;
  }
  $("mention-hint").textContent = "@" + info.botName;
  $("text").placeholder = "Type a command, e.g. @" + info.botName + " help";
  $("user").value = localStorage.getItem("switchboard.console.user") || "guest";
  $("channel").value = localStorage.getItem("switchboard.console.channel") || info.defaultChannel;
  $("identity").addEventListener("submit", (event) => { event.preventDefault(); join(); });
  $("composer").addEventListener("submit", send);
  join();
}

init().catch((e) => status("cannot reach the console: " + e.message));
