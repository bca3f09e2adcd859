import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../pipeline/add/detect-language.js';
import type { LanguageInfo } from '../../pipeline/lib/languages.js';

const language = (code: string, name: string, iso639_3: string, script: string): LanguageInfo => ({
  code,
  name,
  iso639_3,
  script,
  abbreviations: [],
  numbers: { decimal: '.', group: [] },
  number_words: {},
  percent_words: [],
  byline_words: [],
  name_endings: [],
});

const listed: LanguageInfo[] = [
  language('en', 'English', 'eng', 'Latn'),
  language('es', 'Spanish', 'spa', 'Latn'),
  language('ru', 'Russian', 'rus', 'Cyrl'),
  language('pt', 'Portuguese', 'por', 'Latn'),
  language('ko', 'Korean', 'kor', 'Hang'),
  language('de', 'German', 'deu', 'Latn'),
  language('fr', 'French', 'fra', 'Latn'),
  language('zh', 'Chinese', 'cmn', 'Hans'),
  language('ja', 'Japanese', 'jpn', 'Jpan'),
  language('tr', 'Turkish', 'tur', 'Latn'),
  language('cs', 'Czech', 'ces', 'Latn'),
  language('kk', 'Kazakh', 'kaz', 'Cyrl'),
];

/** The same news paragraph (the first days of January 2022) in each language. */
const paragraphs: Record<string, string> = {
  en: 'On 2 January 2022, residents of Zhanaozen took to the streets after the price of liquefied gas doubled overnight. Within days the protests had spread to Aktau, Almaty and other cities, and the demands grew from cheaper fuel to the resignation of the government. President Tokayev declared a state of emergency and asked the Collective Security Treaty Organization to send troops.',
  de: 'Am 2. Januar 2022 gingen die Einwohner von Schanaosen auf die Straße, nachdem sich der Preis für Flüssiggas über Nacht verdoppelt hatte. Innerhalb weniger Tage breiteten sich die Proteste auf Aktau, Almaty und andere Städte aus, und aus der Forderung nach billigerem Treibstoff wurde die Forderung nach dem Rücktritt der Regierung. Präsident Tokajew verhängte den Ausnahmezustand und bat die Organisation des Vertrags über kollektive Sicherheit um die Entsendung von Truppen.',
  fr: "Le 2 janvier 2022, les habitants de Janaozen sont descendus dans la rue après que le prix du gaz liquéfié a doublé du jour au lendemain. En quelques jours, les manifestations se sont étendues à Aktaou, Almaty et d'autres villes, et les revendications sont passées d'un carburant moins cher à la démission du gouvernement. Le président Tokaïev a décrété l'état d'urgence et a demandé à l'Organisation du traité de sécurité collective d'envoyer des troupes.",
  cs: 'Dne 2. ledna 2022 vyšli obyvatelé Žanaozenu do ulic poté, co se cena zkapalněného plynu přes noc zdvojnásobila. Během několika dní se protesty rozšířily do Aktau, Almaty a dalších měst a požadavky se změnily z levnějšího paliva na odstoupení vlády. Prezident Tokajev vyhlásil výjimečný stav a požádal Organizaci Smlouvy o kolektivní bezpečnosti o vyslání vojsk.',
  tr: "2 Ocak 2022'de Janaozen halkı, sıvılaştırılmış gazın fiyatının bir gecede iki katına çıkmasının ardından sokaklara döküldü. Birkaç gün içinde protestolar Aktau, Almatı ve diğer şehirlere yayıldı ve talepler daha ucuz yakıttan hükümetin istifasına kadar büyüdü. Cumhurbaşkanı Tokayev olağanüstü hal ilan etti ve Kolektif Güvenlik Antlaşması Örgütü'nden asker göndermesini istedi.",
  kk: '2022 жылғы 2 қаңтарда Жаңаөзен тұрғындары сұйытылған газдың бағасы бір түнде екі есе өскеннен кейін көшеге шықты. Бірнеше күн ішінде наразылық Ақтау, Алматы және басқа қалаларға тарады, ал талаптар арзан жанармайдан үкіметтің отставкасына дейін өсті. Президент Тоқаев төтенше жағдай жариялап, Ұжымдық қауіпсіздік туралы шарт ұйымынан әскер жіберуді сұрады.',
  ru: '2 января 2022 года жители Жанаозена вышли на улицы после того, как цена на сжиженный газ за одну ночь выросла вдвое. За несколько дней протесты распространились на Актау, Алматы и другие города, а требования выросли от дешёвого топлива до отставки правительства. Президент Токаев ввёл чрезвычайное положение и попросил Организацию Договора о коллективной безопасности направить войска.',
  zh: '2022年1月2日，扎瑙津的居民在液化气价格一夜之间翻倍后走上街头。几天之内，抗议活动蔓延到阿克套、阿拉木图和其他城市，诉求也从降低燃料价格发展到要求政府辞职。托卡耶夫总统宣布进入紧急状态，并请求集体安全条约组织派遣军队。',
  ja: '2022年1月2日、ジャナオゼンの住民は液化ガスの価格が一晩で2倍になったことを受けて街頭に出た。数日のうちに抗議はアクタウ、アルマトイなどの都市に広がり、要求は燃料の値下げから政府の辞任へと拡大した。トカエフ大統領は非常事態を宣言し、集団安全保障条約機構に部隊の派遣を要請した。',
  ko: '2022년 1월 2일, 자나오젠 주민들은 액화가스 가격이 하룻밤 사이에 두 배로 오르자 거리로 나섰다. 며칠 만에 시위는 악타우, 알마티 등 다른 도시로 번졌고, 요구는 연료 가격 인하에서 정부 퇴진으로 커졌다. 토카예프 대통령은 비상사태를 선포하고 집단안보조약기구에 군대 파견을 요청했다.',
  es: 'El 2 de enero de 2022, los habitantes de Zhanaozen salieron a la calle después de que el precio del gas licuado se duplicara de la noche a la mañana. En pocos días las protestas se extendieron a Aktau, Almaty y otras ciudades, y las demandas pasaron de un combustible más barato a la dimisión del gobierno.',
  pt: 'Em 2 de janeiro de 2022, os moradores de Zhanaozen saíram às ruas depois que o preço do gás liquefeito dobrou da noite para o dia. Em poucos dias os protestos se espalharam para Aktau, Almaty e outras cidades, e as reivindicações passaram de combustível mais barato à renúncia do governo.',
};

describe('detectLanguage', () => {
  it.each(Object.entries(paragraphs))('is sure of %s in a real paragraph', (code, text) => {
    const guess = detectLanguage(text, listed);
    expect(guess).toMatchObject({ code, sure: true });
    expect(guess.unlisted).toBeUndefined();
    expect(guess.confidence).toBeGreaterThanOrEqual(0.05);
    expect(guess.candidates[0]?.code).toBe(code);
  });

  it('does not take Kazakh for Russian when both are listed', () => {
    const guess = detectLanguage(paragraphs.kk!, listed);
    expect(guess.code).toBe('kk');
    expect(guess.candidates.map((c) => c.code)).toEqual(['kk', 'ru']);
    expect(guess.reason).toMatch(/^Kazakh \(kaz\), margin 0\.\d+ over Russian$/);
  });

  it('explains a margin in one line', () => {
    expect(detectLanguage(paragraphs.de!, listed).reason).toMatch(/^German \(deu\), margin 0\.\d\d over \w+$/);
    expect(detectLanguage(paragraphs.ko!, listed).reason).toBe('Korean (kor), the only listed language of its script');
  });

  it('is not sure of a short text, however clear the margin', () => {
    const guess = detectLanguage('Solidarity with the workers of Kazakhstan!', listed);
    expect(guess).toMatchObject({ code: 'en', sure: false });
    expect(guess.reason).toBe('too short to tell: 6 words (need 20); best guess English (eng)');
  });

  it('is not sure of a short Chinese text', () => {
    const guess = detectLanguage('哈萨克斯坦总统宣布紧急状态。', listed);
    expect(guess).toMatchObject({ code: 'zh', sure: false });
    expect(guess.reason).toMatch(/^too short to tell: 13 CJK characters \(need 60\)/);
  });

  it('gives no language when franc cannot tell', () => {
    expect(detectLanguage('2022-01-05', listed)).toMatchObject({ code: null, sure: false, confidence: 0 });
  });

  it('names a language that raw/languages.yaml does not list', () => {
    // With only the listed languages allowed, Ukrainian comes out as Russian and Kyrgyz as
    // Kazakh, each by a wide margin: only the unrestricted run shows what they are.
    const ukrainian =
      '2 січня 2022 року жителі Жанаозена вийшли на вулиці після того, як ціна на зріджений газ за одну ніч зросла вдвічі. За кілька днів протести поширилися на Актау, Алмати та інші міста, а вимоги зросли від дешевшого пального до відставки уряду. Президент Токаєв запровадив надзвичайний стан і попросив Організацію Договору про колективну безпеку направити війська.';
    const kyrgyz =
      '2022-жылдын 2-январында Жаңаөзөндүн тургундары суюлтулган газдын баасы бир түндө эки эсе кымбаттагандан кийин көчөгө чыгышты. Бир нече күндүн ичинде нааразычылык Актоо, Алматы жана башка шаарларга тарады, ал эми талаптар арзан күйүүчү майдан өкмөттүн отставкасына чейин өстү. Президент Токаев өзгөчө абал жарыялап, Жамааттык коопсуздук келишим уюмунан аскер жиберүүнү суранды.';
    const polish =
      '2 stycznia 2022 roku mieszkańcy Żanaozenu wyszli na ulice po tym, jak cena gazu skroplonego z dnia na dzień wzrosła dwukrotnie. W ciągu kilku dni protesty rozprzestrzeniły się na Aktau, Ałmaty i inne miasta, a żądania urosły od tańszego paliwa do dymisji rządu. Prezydent Tokajew ogłosił stan wyjątkowy i poprosił Organizację Układu o Bezpieczeństwie Zbiorowym o wysłanie wojsk.';
    expect(detectLanguage(ukrainian, listed)).toMatchObject({ code: 'ru', sure: false, unlisted: { iso639_3: 'ukr' } });
    expect(detectLanguage(kyrgyz, listed)).toMatchObject({ code: 'kk', sure: false, unlisted: { iso639_3: 'kir' } });
    const guess = detectLanguage(polish, listed);
    expect(guess).toMatchObject({ sure: false, unlisted: { iso639_3: 'pol' } });
    expect(guess.reason).toMatch(/^looks like pol, which raw\/languages\.yaml does not list/);
  });

  it('only answers with listed languages', () => {
    const guess = detectLanguage(paragraphs.ru!, [language('en', 'English', 'eng', 'Latn'), language('de', 'German', 'deu', 'Latn')]);
    expect(guess.code).toBeNull();
    expect(guess.sure).toBe(false);
  });
});

describe('long texts whose margin is small', () => {
  it('are sure when franc unrestricted and each half agree (the English statements of the corpus)', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { repoRoot } = await import('../../pipeline/lib/paths.js');
    const { repoLanguages } = await import('../support/languages.js');
    // PEN America's press release on the internet shutdown (see test/fixtures/add/README.md): English leads French by only 0.04.
    const text = readFileSync(join(repoRoot, 'test/fixtures/add/pen-america-en.txt'), 'utf8');
    const guess = detectLanguage(text, [...repoLanguages.values()]);
    expect(guess.confidence).toBeLessThan(0.05);
    expect(guess).toMatchObject({ code: 'en', sure: true });
    expect(guess.reason).toContain('each half of the text agree');
  });
});
