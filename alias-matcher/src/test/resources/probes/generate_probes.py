import json, random, re, sys
import aau
random.seed(7)
ex = json.load(open('/work/main/alias-matcher/src/test/resources/exchange/st2-exchange-aliases-apache.json'))
vec = json.load(open('/work/shared/data/st2-alias-vectors.json'))
formats = []
for x in ex:
    for f in x.get('formats') or []:
        reps = [f] if isinstance(f, str) else (f.get('representation') or [])
        if isinstance(reps, str): reps = [reps]
        formats += reps
formats += [v['format'] for v in vec]
crafted = r'''foo {x}
o{1,2}k {{x}}
a{,2}b {{x}}
x{} {{y}}
x{3 {{y}}
(?P<ip_address>\d+\.\d+) {{host}}
(?P<a_b>x+) (?P=a_b) {{z}}
(\w+) \1 {{x}}
(?i)hello {{x}}
(?i)^hello {{x}}$
hello (?i:world) {{x}}
\bfoo\b {{x}}
foo {{x}}\Z
^foo {{x}}
foo {{x}}$
(?m)^foo {{x}}$
{{ a }}{{ b }}
set {{a=}}
set {{a=""}} now
set {{a=''}} now
set {{a="x y"}}
set {{a={"k": 1}}}
set {{ a = {{ b.c }} }}
set {{ a = 'quoted default' }}
café {{x}}
ping\s+{{h}}
\u00e9t\u00e9 {{x}}
(?<=a)b {{x}}
(?<=a+)b {{x}}
foo\e {{x}}
foo\ 
[a-
(foo {{x}}
foo) {{x}}
(?x) a b # comment
(?x)^ a b {{x}} # comment
[\s\S]+ {{x}}
[^\d]+ {{x}}
\w+ {{x}}
mail [\w.-]+@{{x}}
a|b {{x}}
{{1st}}
{{x}} and {{x}}
foo\n{{x}}
tab\there {{x}}
list( {{n=5}})? items
show {{ a }} {{ b=2 }} {{ c=3 }}
(?a)^\w+ {{x}}
\d{2,3} {{x}}
\N{EM DASH} {{x}}
\x41 {{x}}
\101 {{x}}
[\d-z] {{x}}
[z-a] {{x}}
[]x] {{x}}
[^]x] {{x}}
a** {{x}}
^* {{x}}
(?#comment)foo {{x}}
(?>foo|fo)o {{x}}
fo++ {{x}}
{{a}}={{b}}
say {{msg}}!
run {{cmd}} {{args=}}
{{a=1}}
{{a}}
(?P<x>a)|(?P<y>b) {{z}}
deploy {{app}} to {{env=staging}} version {{v=latest}}
\
{{ key with space }}
{{}} x
{{ =x }}
{{a=b=c}}'''.split('\n')
formats += crafted
formats = list(dict.fromkeys(formats))
values = ['val', 'two words', '"quoted value"', "'single q'", '{"a": 1}', 'x=y', '8.8.8.8', 'café', 'a\nb', '']
def derive(fmt):
    s = re.sub(r'\{\{.*?\}\}', lambda m: random.choice(values), fmt)
    s = re.sub(r'\(\?[:P<>!=#aimsx-]*[^)]*?\)', '', s) if random.random() < 0.3 else s
    s = re.sub(r'\(([^()|]*)\|[^()]*\)\??', r'\1', s)
    s = s.replace('?', '').replace('\\s+', ' ').replace('\\', '').replace('(', '').replace(')', '').replace('[', '').replace(']', '').replace('^', '').replace('$', '').replace('*', '').replace('+', '')
    return s
tails = ['', ' a=b', ' limit=2 pack="x y"', ' k={"a": "b c"}', ' x=""', " q='z'", ' cmd=override', '  ', '\n', ' a=b c=d e']
cases = []
for fmt in formats:
    cmds = set()
    for _ in range(4):
        c = derive(fmt) + random.choice(tails)
        r = random.random()
        if r < 0.1: c = c.upper()
        elif r < 0.2: c = '  ' + c.replace(' ', '   ')
        elif r < 0.25: c = 'please ' + c
        elif r < 0.3: c = c.replace(' ', '\u00a0', 1)
        elif r < 0.33: c = c + ' \u001c'
        cmds.add(c)
    cmds.update(['', 'a=b', 'x y=z'])
    for c in sorted(cmds):
        case = {'format': fmt, 'command': c}
        try:
            case['expect'] = aau.extract_parameters(fmt, c)
        except aau.ParseException as e:
            case['error'] = True; case['error_message'] = str(e)
        except Exception as e:
            case['format_error'] = type(e).__name__ + ': ' + str(e)
        cases.append(case)
multi = [r'(?:\b|^)fixes (?P<issue_key>[A-Z][A-Z0-9]+-[0-9]+)(?:\b|$)', r'(?:\b|^)(?P<w>b*)(?:\b|$)', r'(?:\b|^)#(?P<tag>\w+)', r'(?:\b|^)(?P<x>a?)']
mcmds = ['JKROWLING-4 fixes JRRTOLKIEN-24 which fixes DRSEUSS-12', 'b bb  b', 'no tags here #one #two and #three k=v', 'aaa', 'abab', '', 'x=1']
for fmt in multi:
    for c in mcmds:
        case = {'format': fmt, 'command': c, 'match_multiple': True}
        try:
            case['expect_multiple'] = aau.extract_parameters(fmt, c, True)
        except aau.ParseException as e:
            case['error'] = True; case['error_message'] = str(e)
        except Exception as e:
            case['format_error'] = type(e).__name__ + ': ' + str(e)
        cases.append(case)
for i, c in enumerate(cases): c['id'] = 'p%04d' % (i + 1)
open(sys.argv[1], 'w').write('[\n' + ',\n'.join(json.dumps(c, ensure_ascii=False) for c in cases) + '\n]\n')
print(len(cases), sum('format_error' in c for c in cases), sum('error' in c for c in cases))
