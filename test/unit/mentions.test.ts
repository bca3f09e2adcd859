// The mention finder on real sentences of each language of the corpus (copied from the clean texts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findMentions, formPattern, leftmostLongest } from '../../pipeline/annotate/mentions.js';
import { validateYaml } from '../../pipeline/lib/schemas.js';
import { parseYaml } from '../../pipeline/lib/yaml-input.js';
import { lang } from '../support/languages.js';

const surfaces = (text: string, lang: Parameters<typeof findMentions>[1], entities: { entity: string; forms: string[] }[]) =>
  findMentions(text, lang, entities).map((m) => `${m.entity}:${m.surface}`);

describe('English', () => {
  it('respects word boundaries and case: US is not inside USSR, nor the pronoun us', () => {
    const text =
      'in the ex-USSR as "external intrigues" ... to send us news and any useful information. Kazakhstan cooperated for years in the US/NATO occupation';
    expect(
      surfaces(text, lang('en'), [
        { entity: 'united-states', forms: ['US'] },
        { entity: 'nato', forms: ['NATO'] },
      ]),
    ).toEqual(['united-states:US', 'nato:NATO']);
  });

  it('takes possessives and hyphenated pairs as boundaries', () => {
    const text = 'The Nazarbayev-Tokayev regime ... Kazakhstan’s pseudo-democracy';
    expect(
      surfaces(text, lang('en'), [
        { entity: 'nazarbayev', forms: ['Nazarbayev'] },
        { entity: 'tokayev', forms: ['Tokayev'] },
        { entity: 'kazakhstan', forms: ['Kazakhstan'] },
      ]),
    ).toEqual(['nazarbayev:Nazarbayev', 'tokayev:Tokayev', 'kazakhstan:Kazakhstan']);
  });

  it('keeps the longest of overlapping matches: an organisation named after the country', () => {
    const text = 'The Socialist Movement of Kazakhstan not only reports in great detail';
    expect(
      surfaces(text, lang('en'), [
        { entity: 'kazakhstan', forms: ['Kazakhstan'] },
        { entity: 'smk', forms: ['Socialist Movement of Kazakhstan'] },
      ]),
    ).toEqual(['smk:Socialist Movement of Kazakhstan']);
  });

  it('matches a multi-word form across a line break or a double space', () => {
    expect(
      surfaces('the Collective Security\nTreaty  Organization (CSTO)', lang('en'), [
        { entity: 'csto', forms: ['Collective Security Treaty Organization', 'CSTO'] },
      ]),
    ).toEqual(['csto:Collective Security\nTreaty  Organization', 'csto:CSTO']);
  });
});

describe('Russian: case endings after the listed form', () => {
  const ru = [
    { entity: 'kazakhstan', forms: ['Казахстан'] },
    { entity: 'nazarbayev', forms: ['Назарбаев'] },
    { entity: 'zhanaozen', forms: ['Жанаозен'] },
  ];
  it.each([
    ['На данный момент Казахстан переживает стихийное восстание.', ['kazakhstan:Казахстан']],
    ['протестующие разоружают и арестовывают солдат армии Казахстана.', ['kazakhstan:Казахстана']],
    ['Восстание в Казахстане было начато промышленными рабочими Жанаозен 2 января.', ['kazakhstan:Казахстане', 'zhanaozen:Жанаозен']],
    [
      'С момента обретения независимости в 1991 году Казахстаном правит Нурсултан Назарбаев',
      ['kazakhstan:Казахстаном', 'nazarbayev:Назарбаев'],
    ],
  ])('%s', (text, expected) => {
    expect(surfaces(text, lang('ru'), ru)).toEqual(expected);
  });

  it('does not take a derived adjective for the name', () => {
    expect(surfaces('казахстанские рабочие и Казахстанский режим', lang('ru'), ru)).toEqual([]);
  });
});

describe('Korean: particles attached to the noun', () => {
  const ko = [
    { entity: 'kazakhstan', forms: ['카자흐스탄'] },
    { entity: 'central-asia', forms: ['중앙아시아'] },
  ];
  it.each([
    [
      '중앙아시아에서 정치적으로, 경제적으로 우세한 입지에 있는 나라 카자흐스탄이 민중의 자연발생적인 봉기를 맞고 있다.',
      ['central-asia:중앙아시아에서', 'kazakhstan:카자흐스탄이'],
    ],
    ['그럼에도 카자흐스탄의 기반시설과 가스 공급은 여전히 낙후되어 있다.', ['kazakhstan:카자흐스탄의']],
    ['카자흐스탄 천연가스 매장량은', ['kazakhstan:카자흐스탄']],
  ])('%s', (text, expected) => {
    expect(surfaces(text, lang('ko'), ko)).toEqual(expected);
  });

  it('does not take a compound noun for the name', () => {
    expect(surfaces('카자흐스탄인들', lang('ko'), ko)).toEqual([]);
  });
});

describe('Spanish and Portuguese: variants listed as forms, no inflection', () => {
  it('Spanish', () => {
    const text = 'Kazajstán, el país dominante política y económicamente de Asia Central, experimenta una insurrección';
    expect(
      surfaces(text, lang('es'), [
        { entity: 'kazakhstan', forms: ['Kazajstán', 'Kazajistán'] },
        { entity: 'central-asia', forms: ['Asia Central'] },
      ]),
    ).toEqual(['kazakhstan:Kazajstán', 'central-asia:Asia Central']);
  });
  it('Portuguese', () => {
    const text = 'O Cazaquistão - o país política e economicamente dominante da Ásia Central – está passando por uma insurreição';
    expect(
      surfaces(text, lang('pt'), [
        { entity: 'kazakhstan', forms: ['Cazaquistão'] },
        { entity: 'central-asia', forms: ['Ásia Central'] },
      ]),
    ).toEqual(['kazakhstan:Cazaquistão', 'central-asia:Ásia Central']);
  });
});

describe('in scripts written without spaces between words', () => {
  // Sentences of the corpus: the Chinese foreign ministry's briefing and Xi Jinping's message.
  it('Chinese: a form inside running text is found', () => {
    const text = '外交部发言人汪文斌主持例行记者会，回应哈萨克斯坦局势。';
    expect(
      surfaces(text, lang('zh'), [
        { entity: 'kazakhstan', forms: ['哈萨克斯坦'] },
        { entity: 'wang-wenbin', forms: ['汪文斌'] },
      ]),
    ).toEqual(['wang-wenbin:汪文斌', 'kazakhstan:哈萨克斯坦']);
  });
  it('Japanese: a form inside running text is found, and the longest of overlapping forms wins', () => {
    const text = '習近平国家主席はカザフスタンのトカエフ大統領にメッセージを送った';
    expect(
      surfaces(text, lang('ja'), [
        { entity: 'xi-jinping', forms: ['習近平'] },
        { entity: 'kazakhstan', forms: ['カザフスタン'] },
        { entity: 'kazakh', forms: ['カザフ'] },
      ]),
    ).toEqual(['xi-jinping:習近平', 'kazakhstan:カザフスタン']);
  });
  it('a script written with spaces keeps its word boundaries', () => {
    expect(surfaces('USSR and the US', lang('en'), [{ entity: 'us', forms: ['US'] }])).toEqual(['us:US']);
  });
});

it('escapes forms that hold regular-expression characters', () => {
  expect(formPattern('U.S.', lang('en')).test('the U.S. and')).toBe(true);
  expect(formPattern('U.S.', lang('en')).test('the UxSx and')).toBe(false);
});

it('reports offsets in UTF-16 that cut the surface, also after characters outside the BMP', () => {
  const text = '𝐀 Almaty 𝐁 Almaty';
  const found = findMentions(text, lang('en'), [{ entity: 'almaty', forms: ['Almaty'] }]);
  expect(found.map((m) => text.slice(m.start, m.end))).toEqual(['Almaty', 'Almaty']);
});

describe('the compiled forms (looked up by their first word, kept between texts)', () => {
  /** What findMentions finds, with each form's expression compiled afresh and run over the whole text. */
  const everyMatch = (text: string, language: Parameters<typeof findMentions>[1], entities: { entity: string; forms: string[] }[]) => {
    const candidates = entities.flatMap(({ entity, forms }) =>
      forms.flatMap((form) =>
        [...text.matchAll(formPattern(form, language))].map((m) => ({
          entity,
          start: m.index,
          end: m.index + m[0].length,
          surface: m[0],
          form,
        })),
      ),
    );
    return leftmostLongest(candidates);
  };
  const entities = [
    { entity: 'kazakhstan', forms: ['Казахстан', 'Kazakhstan'] },
    { entity: 'smk', forms: ['Socialist Movement of Kazakhstan'] },
    { entity: 'almaty', forms: ['Алматы', 'Almaty'] },
    { entity: 'csto', forms: ['ОДКБ', 'CSTO'] },
  ];
  const pieces = [
    'Казахстан',
    'Kazakhstan',
    'Socialist',
    ' Movement of ',
    'Socialist  Movement\nof Kazakhstan',
    'Алматы',
    'Almaty',
    'ОДКБ',
    'CSTO',
    'а',
    'е',
    'ом',
    's',
    ' ',
    '\n',
    '-',
    '.',
    'x',
    '𝐀',
    '7',
    'ами',
    'ы',
  ];

  it('find in any text what every expression run afresh finds, text after text', () => {
    for (const code of ['ru', 'en', 'ko', 'zh']) {
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
          const text = parts.join('');
          expect(findMentions(text, lang(code), entities)).toEqual(everyMatch(text, lang(code), entities));
        }),
        { seed: 20220105, numRuns: 300 },
      );
    }
  });
});

it('refuses a form with a space at its start or end, which findMentions could not look up by its first word', () => {
  const source = [
    'version: 1',
    'gazetteers: []',
    'entities:',
    '  - {id: almaty, type: area, name: Almaty, forms: {en: [" Almaty", Almaty, "Almaty "]}}',
    '',
  ].join('\n');
  const problems = validateYaml(parseYaml('raw/entities.yaml', source), 'entities');
  expect(problems.map(({ code, line, column }) => ({ code, line, column }))).toEqual([
    { code: 'entities/bad-format', line: 4, column: 57 },
    { code: 'entities/bad-format', line: 4, column: 76 },
  ]);
  expect(problems[0]!.hint).toContain('remove the spaces');
});
