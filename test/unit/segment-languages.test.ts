// Sentence splitting and word counts in languages beyond the seeds', on real public texts about
// the January 2022 events (each passage is quoted from the page named above it). The languages
// come from raw/languages.yaml, so these tests also show that a listed language needs no code.
import { describe, expect, it } from 'vitest';
import { countWords, paragraphSpans, sentenceSpans } from '../../pipeline/clean/segment.js';
import { lang, repoLanguages } from '../support/languages.js';

const sentences = (text: string, code: string) => paragraphSpans(text).flatMap((p) => sentenceSpans(p.text, lang(code)).map((s) => s.text));

describe('sentences in languages the seeds do not have', () => {
  it('German: a news agency report (dpa-AFX on finanznachrichten.de, January 2022)', () => {
    // https://www.finanznachrichten.de/nachrichten-2022-01/54910263-bundesregierung-raet-von-reisen-nach-kasachstan-ab-016.htm
    const text =
      'Die Bundesregierung rät von Reisen in die von schweren Unruhen erschütterte Republik Kasachstan in Zentralasien ab. Das Auswärtige Amt teilte am Donnerstag darüber hinaus mit, dass das deutsche Generalkonsulat in der Wirtschaftsmetropole Almaty im Südosten des Landes bis auf Weiteres geschlossen bleibe. Eine konsularische Betreuung sei nur über die Botschaft in der Hauptstadt Nur-Sultan (früher: Astana) möglich.';
    expect(sentences(text, 'de')).toHaveLength(3);
    expect(sentences(text, 'de')[2]).toBe(
      'Eine konsularische Betreuung sei nur über die Botschaft in der Hauptstadt Nur-Sultan (früher: Astana) möglich.',
    );
  });

  it('German: an abbreviation ICU does not know stays inside the sentence', () => {
    expect(sentences('Die Preise stiegen um ca. 100 Prozent, d.h. sie verdoppelten sich. Dann kamen die Proteste.', 'de')).toEqual([
      'Die Preise stiegen um ca. 100 Prozent, d.h. sie verdoppelten sich.',
      'Dann kamen die Proteste.',
    ]);
  });

  it('French: the foreign ministry press briefing of 11 January 2022', () => {
    // https://www.diplomatie.gouv.fr/fr/dossiers-pays/kazakhstan/evenements/article/kazakhstan-q-r-extrait-du-point-de-presse-11-01-22
    const text =
      'La France et ses partenaires européens sont très attachés à la souveraineté du Kazakhstan qui doit être pleinement respectée.\n\nLe dialogue doit s’engager pour permettre une désescalade des tensions actuelles. Nous resterons vigilants sur le respect des libertés fondamentales et des droits de l’Homme.';
    expect(sentences(text, 'fr')).toHaveLength(3);
  });

  it('Chinese: the foreign ministry spokesman, 7 January 2022', () => {
    // https://view.inews.qq.com/a/20220107A09ZDV00
    const text =
      '汪文斌:维护成员国及地区安全稳定是上海合作组织的一贯宗旨和任务。中方及上合组织其他成员国高度关注哈国内局势,相信哈当局能妥善解决问题,支持哈方尽快稳定局势,并愿推动上合组织为此发挥积极作用。';
    expect(sentences(text, 'zh')).toEqual([
      '汪文斌:维护成员国及地区安全稳定是上海合作组织的一贯宗旨和任务。',
      '中方及上合组织其他成员国高度关注哈国内局势,相信哈当局能妥善解决问题,支持哈方尽快稳定局势,并愿推动上合组织为此发挥积极作用。',
    ]);
  });

  it('Japanese: the People’s Daily report of a message of Xi Jinping', () => {
    // http://j.people.com.cn/n3/2022/0108/c94474-9942378.html
    const text = '2022年1月7日、習近平国家主席はカザフスタンのトカエフ大統領にメッセージを送った。新華社が伝えた。';
    expect(sentences(text, 'ja')).toEqual([
      '2022年1月7日、習近平国家主席はカザフスタンのトカエフ大統領にメッセージを送った。',
      '新華社が伝えた。',
    ]);
  });

  it('Turkish: the joint statement read in the Grand National Assembly', () => {
    // https://ekonomim.com/amp/gundem/tbmmden-kazakistan-mesaji-her-turlu-destegi-verecegiz-haberi-645713
    const text =
      'İnsan hayatını tehlikeye atan, kamu düzenini bozan ve mala zarar veren şiddet eylemlerini kınıyoruz. Kazakistan yönetiminin halkın esenlik ve refahını daha da artırmaya yönelik reform gündemini destekliyoruz. Gazi Meclisimiz, 15 Temmuz hain darbe girişimi sırasında Kazakistan makamlarının sergilediği dayanışmayı unutmayacaktır.';
    expect(sentences(text, 'tr')).toHaveLength(3);
  });

  it('Czech: a statement of the foreign ministry (as reposted on aktualnezpravodajstvi.cz)', () => {
    // https://aktualnezpravodajstvi.cz/page/1487/?a=147897154
    const text =
      'Ministerstvo zahraničních věcí se znepokojením sleduje vývoj situace v Kazachstánu, kde v uplynulých hodinách došlo k eskalaci vnitropolitické a bezpečnostní situace. Zvláště závažné jsou zprávy o desítkách obětí na životech. Vyzýváme všechny strany, aby ukončily veškeré násilnosti a mimořádnou situaci řešily s respektem k zákonům a lidským právům.';
    expect(sentences(text, 'cs')).toHaveLength(3);
    expect(sentences(text, 'cs')[1]).toBe('Zvláště závažné jsou zprávy o desítkách obětí na životech.');
  });

  it('Kazakh: the President on the January events (AstanaTV, 3 January 2024)', () => {
    // https://astanatv.kz/kz/news/101422/
    const text =
      'Мен бұл туралы көп ойландым, әлі де жиі ойланамын. Меніңше, қасіретті Қаңтар оқиғасына жылдар бойы қордаланған әлеуметтік-экономикалық проблемалар, жалпы тоқыраудың билік пен қоғамды аздырып-тоздыруы себеп болды. Бұл – айтпаса да түсінікті жайт.';
    expect(sentences(text, 'kk')).toHaveLength(3);
  });

  it('Kazakh: "ж." (year) does not end the sentence', () => {
    expect(sentences('Мен 2019 ж. Президент болып сайландым. Реформалар басталды.', 'kk')).toEqual([
      'Мен 2019 ж. Президент болып сайландым.',
      'Реформалар басталды.',
    ]);
  });
});

describe('words', () => {
  it('counts words in scripts with and without spaces', () => {
    expect(countWords('Vyzýváme všechny strany, aby ukončily veškeré násilnosti.', 'cs')).toBe(7);
    expect(countWords('新華社が伝えた。', 'ja')).toBeGreaterThanOrEqual(3);
  });
});

describe('raw/languages.yaml', () => {
  it('lists every language ICU can segment, with the separators ICU uses for its numbers', () => {
    for (const [code, info] of repoLanguages) {
      expect(Intl.Segmenter.supportedLocalesOf([code]), code).toEqual([code]);
      const parts = new Intl.NumberFormat(code).formatToParts(1234567.5);
      expect(info.numbers.decimal, code).toBe(parts.find((p) => p.type === 'decimal')!.value);
      expect(info.numbers.group, code).toContain(parts.find((p) => p.type === 'group')!.value);
    }
  });

  it('names each language in one place only: no language code is spelt in pipeline code', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { repoRoot } = await import('../../pipeline/lib/paths.js');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.ts')) files.push(path);
      }
    };
    walk(join(repoRoot, 'pipeline'));
    walk(join(repoRoot, 'notebooks'));
    // A quoted language code of raw/languages.yaml, as a language: 'ko', "de", or a Record key ko:.
    const codes = [...repoLanguages.keys()].join('|');
    const pattern = new RegExp(`(?:lang(?:uage)?\\s*(?:===|!==|==|:)\\s*|\\[\\s*)['"](${codes})['"]`);
    const offenders = files.filter((f) => pattern.test(readFileSync(f, 'utf8'))).map((f) => f.slice(repoRoot.length + 1));
    expect(offenders).toEqual([]);
  });
});
