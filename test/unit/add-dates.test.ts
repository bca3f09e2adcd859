import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { dateRange, findDates } from '../../pipeline/add/dates.js';

/** [text, year, month, day] of each date found. */
const found = (text: string, lang: string) => findDates(text, lang).map((d) => [d.text, d.year, d.month, d.day]);

describe('findDates: one real sentence per language', () => {
  const cases: [lang: string, sentence: string, dates: (string | number | null)[][]][] = [
    ['en', 'The statement was issued in Almaty on 5 January 2022 after a night of clashes.', [['5 January 2022', 2022, 1, 5]]],
    ['en', 'On January 5, 2022, the government resigned.', [['January 5, 2022', 2022, 1, 5]]],
    ['en', 'Saturday, January 15, 2022', [['Saturday, January 15, 2022', 2022, 1, 15]]],
    ['en', 'Fuel prices doubled on 2 January and protests spread west.', [['2 January', null, 1, 2]]],
    ['en', 'In January 2022 the protests turned violent.', [['January 2022', 2022, 1, null]]],
    ['en', 'The party was founded in 2011 and banned later.', [['2011', 2011, null, null]]],
    ['de', 'Am 5. Januar 2022 rief der Präsident den Ausnahmezustand aus.', [['5. Januar 2022', 2022, 1, 5]]],
    ['cs', 'Dne 5. ledna 2022 vyhlásil prezident výjimečný stav.', [['5. ledna 2022', 2022, 1, 5]]],
    ['fr', 'Le 5 janvier 2022, le gouvernement a démissionné.', [['5 janvier 2022', 2022, 1, 5]]],
    ['fr', 'Les prix ont augmenté au 1er janvier.', [['1er janvier', null, 1, 1]]],
    ['es', 'El 5 de enero de 2022 el Gobierno dimitió en bloque.', [['5 de enero de 2022', 2022, 1, 5]]],
    ['pt', 'Em 5 de janeiro de 2022 o governo renunciou.', [['5 de janeiro de 2022', 2022, 1, 5]]],
    ['ru', 'Заявление опубликовано 5 января 2022 г. в Алматы.', [['5 января 2022 г.', 2022, 1, 5]]],
    ['ru', 'Утром 5 января протестующие захватили акимат.', [['5 января', null, 1, 5]]],
    ['ru', 'События 5 января 2022 года потрясли страну.', [['5 января 2022 года', 2022, 1, 5]]],
    ['tr', 'Hükümet 5 Ocak 2022 tarihinde istifa etti.', [['5 Ocak 2022', 2022, 1, 5]]],
    ['kk', '2022 жылғы 5 қаңтарда Алматыда төтенше жағдай жарияланды.', [['2022 жылғы 5 қаңтар', 2022, 1, 5]]],
    ['kk', 'Наразылық 5 қаңтар күні басталды.', [['5 қаңтар', null, 1, 5]]],
    ['zh', '2022年1月5日，哈萨克斯坦总统宣布紧急状态。', [['2022年1月5日', 2022, 1, 5]]],
    ['zh', '抗议活动从1月5日起蔓延。', [['1月5日', null, 1, 5]]],
    ['ja', '2022年1月5日に大統領は非常事態を宣言した。', [['2022年1月5日', 2022, 1, 5]]],
    ['ko', '2022년 1월 5일 카자흐스탄 정부가 총사퇴했다.', [['2022년 1월 5일', 2022, 1, 5]]],
    ['ko', '시위는 1월 5일에 절정에 달했다.', [['1월 5일', null, 1, 5]]],
    ['en', 'Posted 2022-01-05T10:00:00Z by the editors.', [['2022-01-05', 2022, 1, 5]]],
    ['ru', 'Дата публикации: 05.01.2022.', [['05.01.2022', 2022, 1, 5]]],
    ['de', 'Stand: 5.1.2022, 14 Uhr', [['5.1.2022', 2022, 1, 5]]],
  ];
  it.each(cases)('%s: %s', (lang, sentence, dates) => {
    expect(found(sentence, lang)).toEqual(dates);
  });

  it('gives offsets into the original text, also after case folding', () => {
    const text = 'Ankara, 5 MAYIS 2022 — İstanbul, 6 Mayıs';
    const dates = findDates(text, 'tr');
    expect(dates.map((d) => [d.text, d.month, d.day])).toEqual([
      ['5 MAYIS 2022', 5, 5],
      ['6 Mayıs', 5, 6],
    ]);
    for (const d of dates) expect(text.slice(d.start, d.end)).toBe(d.text);
  });

  it('reports several dates in text order, without overlaps', () => {
    const text = 'Between 2 January and 11 January 2022, in Almaty, 225 people died (see the 2023 report).';
    expect(found(text, 'en')).toEqual([
      ['2 January', null, 1, 2],
      ['11 January 2022', 2022, 1, 11],
      ['2023', 2023, null, null],
    ]);
  });
});

describe('findDates: what is not a date', () => {
  it('rejects impossible days and months, and reports nothing smaller in their place', () => {
    expect(found('on 32 January 2022', 'en')).toEqual([]);
    expect(found('am 13.13.2022', 'de')).toEqual([]);
    expect(found('on 29 February 2022', 'en')).toEqual([]);
    expect(found('on 29 February 2024', 'en')).toEqual([['29 February 2024', 2024, 2, 29]]);
  });

  it('reads no all-number date where ICU puts the month first', () => {
    // en-US writes 1/5/2022 for 5 January: "05.01.2022" could be either, so it is left alone.
    expect(found('Date: 05.01.2022', 'en')).toEqual([]);
  });

  it('takes no abbreviation for a month inside a word, and no count for a year', () => {
    expect(found('5 Marines and 5 Mayors', 'en')).toEqual([]);
    expect(found('12,000 troops; 1990s; 2022500', 'en')).toEqual([]);
    expect(found('1월 5명', 'ko')).toEqual([]);
  });
});

describe('dateRange', () => {
  it('is a day, a month or a year, and nothing without a year', () => {
    expect(dateRange({ year: 2022, month: 1, day: 7 })).toEqual({ start: '2022-01-07', end: '2022-01-07' });
    expect(dateRange({ year: 2024, month: 2, day: null })).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(dateRange({ year: 2011, month: null, day: null })).toEqual({ start: '2011-01-01', end: '2011-12-31' });
    expect(dateRange({ year: null, month: 1, day: 5 })).toBeNull();
  });
});

describe('findDates reads back what ICU writes', () => {
  const isoDay = fc
    .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())));
  for (const lang of ['en', 'es', 'ru', 'pt', 'ko', 'de', 'fr', 'zh', 'ja', 'tr', 'cs', 'kk']) {
    test.prop([isoDay], { numRuns: 200 })(`${lang}: long dates`, (date) => {
      const written = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
      const dates = findDates(`— ${written} —`, lang);
      expect(dates).toHaveLength(1);
      expect(dates[0]).toMatchObject({
        text: written,
        year: date.getUTCFullYear(),
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
      });
    });
  }
});
