import { describe, expect, it } from 'vitest';
import { formatSlots, type FormatInput, type FormatOptions, type Formatted } from './format';
import type { LocaleCode } from './strings';

const BOOKING = 'https://calendly.com/jane/30min';
const url = (iso: string) => `${BOOKING}/${iso.slice(0, 19)}`;

function input(starts: string[], over: Partial<FormatInput> = {}): FormatInput {
  return {
    eventName: '30 Minute Meeting',
    durationMinutes: 30,
    bookingUrl: BOOKING,
    slots: starts.map((start_time) => ({ start_time, scheduling_url: url(start_time) })),
    ...over,
  };
}

function run(starts: string[], over: Partial<FormatOptions> = {}, inputOver: Partial<FormatInput> = {}): Formatted {
  return formatSlots(input(starts, inputOver), {
    timeZone: 'America/New_York',
    hour12: true,
    locale: 'en',
    layout: 'list',
    count: 10,
    ...over,
  });
}

const only = (f: Formatted) => {
  expect(f.days).toHaveLength(1);
  expect(f.days[0]!.times).toHaveLength(1);
  return { day: f.days[0]!, time: f.days[0]!.times[0]! };
};

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html').body;

describe('formatSlots: times across DST switches and unusual offsets', () => {
  it.each([
    // zone, instant (microseconds, as Calendly sends), day key in zone, 12h, 24h, zone line
    ['America/New_York', '2026-03-08T06:30:00.000000Z', '2026-03-08', '1:30 AM', '01:30', 'Eastern Standard Time (UTC-05:00)'],
    ['America/New_York', '2026-03-08T07:30:00.000000Z', '2026-03-08', '3:30 AM', '03:30', 'Eastern Daylight Time (UTC-04:00)'],
    ['America/New_York', '2026-11-01T05:30:00.000000Z', '2026-11-01', '1:30 AM', '01:30', 'Eastern Daylight Time (UTC-04:00)'],
    ['America/New_York', '2026-11-01T06:30:00.000000Z', '2026-11-01', '1:30 AM', '01:30', 'Eastern Standard Time (UTC-05:00)'],
    ['Europe/Berlin', '2026-03-29T00:30:00.000000Z', '2026-03-29', '1:30 AM', '01:30', 'Central European Standard Time (UTC+01:00)'],
    ['Europe/Berlin', '2026-03-29T01:30:00.000000Z', '2026-03-29', '3:30 AM', '03:30', 'Central European Summer Time (UTC+02:00)'],
    ['Europe/Berlin', '2026-10-25T00:30:00.000000Z', '2026-10-25', '2:30 AM', '02:30', 'Central European Summer Time (UTC+02:00)'],
    ['Europe/Berlin', '2026-10-25T01:30:00.000000Z', '2026-10-25', '2:30 AM', '02:30', 'Central European Standard Time (UTC+01:00)'],
    ['Australia/Sydney', '2026-04-04T15:30:00.000000Z', '2026-04-05', '2:30 AM', '02:30', 'Australian Eastern Daylight Time (UTC+11:00)'],
    ['Australia/Sydney', '2026-04-04T16:30:00.000000Z', '2026-04-05', '2:30 AM', '02:30', 'Australian Eastern Standard Time (UTC+10:00)'],
    ['Australia/Sydney', '2026-10-03T15:30:00.000000Z', '2026-10-04', '1:30 AM', '01:30', 'Australian Eastern Standard Time (UTC+10:00)'],
    ['Australia/Sydney', '2026-10-03T16:30:00.000000Z', '2026-10-04', '3:30 AM', '03:30', 'Australian Eastern Daylight Time (UTC+11:00)'],
    ['Asia/Kolkata', '2026-11-24T03:30:00.000000Z', '2026-11-24', '9:00 AM', '09:00', 'India Standard Time (UTC+05:30)'],
    ['Asia/Kathmandu', '2026-11-24T03:15:00.000000Z', '2026-11-24', '9:00 AM', '09:00', 'Nepal Time (UTC+05:45)'],
    ['Pacific/Chatham', '2026-06-15T20:15:00.000000Z', '2026-06-16', '9:00 AM', '09:00', 'Chatham Standard Time (UTC+12:45)'],
    ['Pacific/Chatham', '2026-11-23T19:15:00.000000Z', '2026-11-24', '9:00 AM', '09:00', 'Chatham Daylight Time (UTC+13:45)'],
    ['America/New_York', '2026-11-24T05:00:00.000000Z', '2026-11-24', '12:00 AM', '00:00', 'Eastern Standard Time (UTC-05:00)'],
    ['America/New_York', '2026-11-24T17:00:00.000000Z', '2026-11-24', '12:00 PM', '12:00', 'Eastern Standard Time (UTC-05:00)'],
    ['UTC', '2026-11-24T00:00:00.000000Z', '2026-11-24', '12:00 AM', '00:00', 'Coordinated Universal Time (UTC+00:00)'],
  ])('%s %s → %s %s / %s', (timeZone, iso, key, label12, label24, zone) => {
    const h12 = only(run([iso], { timeZone, hour12: true }));
    const h24 = only(run([iso], { timeZone, hour12: false }));
    expect(h12.day.key).toBe(key);
    expect(h12.time.label).toBe(label12);
    expect(h24.time.label).toBe(label24);
    expect(h12.time.start).toBe(`${iso.slice(0, 23)}Z`);
    expect(run([iso], { timeZone }).text).toContain(`Times shown in ${zone}\n`);
  });

  it('zone line names both sides of a DST switch inside the range', () => {
    const f = run(['2026-10-31T14:00:00.000000Z', '2026-11-02T14:00:00.000000Z']);
    expect(f.text).toContain(
      'Times shown in Eastern Daylight Time (UTC-04:00) / Eastern Standard Time (UTC-05:00)\n',
    );
  });
});

describe('formatSlots: second time zone', () => {
  it.each([
    // US and EU switch DST on different dates: New York–Berlin is 6h, then 5h for a few weeks, then 6h.
    ['America/New_York', 'Europe/Berlin', '2026-03-03T14:00:00.000000Z', false, '09:00 EST', '15:00 CET'],
    ['America/New_York', 'Europe/Berlin', '2026-03-10T14:00:00.000000Z', false, '10:00 EDT', '15:00 CET'],
    ['America/New_York', 'Europe/Berlin', '2026-03-30T14:00:00.000000Z', false, '10:00 EDT', '16:00 CEST'],
    ['America/New_York', 'Europe/Berlin', '2026-10-28T14:00:00.000000Z', false, '10:00 EDT', '15:00 CET'],
    ['America/New_York', 'Europe/Berlin', '2026-11-02T14:00:00.000000Z', false, '09:00 EST', '15:00 CET'],
    ['America/New_York', 'Europe/Berlin', '2026-03-03T14:00:00.000000Z', true, '9:00 AM EST', '3:00 PM CET'],
    ['Europe/London', 'America/Los_Angeles', '2026-07-01T16:00:00.000000Z', false, '17:00 BST', '09:00 PDT'],
    ['Asia/Kolkata', 'UTC', '2026-11-24T03:30:00.000000Z', false, '09:00 IST', '03:30 UTC'],
    ['Asia/Kathmandu', 'Asia/Kolkata', '2026-11-24T03:15:00.000000Z', false, '09:00 GMT+5:45', '08:45 IST'],
    // Falls on another calendar day in the second zone: the weekday is added.
    ['America/New_York', 'Europe/Berlin', '2026-11-25T04:00:00.000000Z', true, '11:00 PM EST', '5:00 AM CET (Wed)'],
    ['Australia/Sydney', 'America/New_York', '2026-11-23T22:00:00.000000Z', false, '09:00 AEDT', '17:00 EST (Mon)'],
    ['Europe/Berlin', 'Pacific/Chatham', '2026-11-24T14:00:00.000000Z', false, '15:00 CET', '03:45 CHADT (Wed)'],
  ])('%s + %s at %s (12h: %s)', (timeZone, secondTimeZone, iso, hour12, label, second) => {
    const f = run([iso], { timeZone, secondTimeZone, hour12 });
    const { time } = only(f);
    expect(time.label).toBe(label);
    expect(time.secondLabel).toBe(second);
    expect(f.text).toContain(`  • ${label} / ${second}  ${url(iso)}\n`);
    expect(parse(f.html).querySelector('a')?.textContent).toBe(`${label} / ${second}`);
  });

  it('localizes the other-day hint', () => {
    const f = run(['2026-11-24T14:00:00.000000Z'], {
      timeZone: 'Europe/Berlin',
      secondTimeZone: 'Pacific/Chatham',
      hour12: false,
      locale: 'de',
    });
    expect(only(f).time.secondLabel).toBe('03:45 CHADT (Mi.)');
  });

  it('zone line names both zones', () => {
    const f = run(['2026-11-24T14:00:00.000000Z'], { secondTimeZone: 'Europe/Berlin' });
    expect(f.text).toContain(
      'Times shown in Eastern Standard Time (UTC-05:00) and Central European Standard Time (UTC+01:00)',
    );
  });

  it.each([null, undefined, '', 'America/New_York', 'Not/AZone'])('ignores second zone %j', (secondTimeZone) => {
    const { time } = only(run(['2026-11-24T14:00:00.000000Z'], { secondTimeZone }));
    expect(time.label).toBe('9:00 AM');
    expect(time.secondLabel).toBeUndefined();
  });
});

describe('formatSlots: day grouping', () => {
  it('groups by calendar day in the zone across a year boundary', () => {
    const starts = ['2026-12-31T23:30:00.000000Z', '2027-01-01T05:30:00.000000Z', '2027-01-01T14:00:00.000000Z'];
    const ny = run(starts);
    expect(ny.days.map((d) => [d.key, d.label, d.times.map((t) => t.label)])).toEqual([
      ['2026-12-31', 'Thursday, December 31', ['6:30 PM']],
      ['2027-01-01', 'Friday, January 1', ['12:30 AM', '9:00 AM']],
    ]);
    const tokyo = run(starts, { timeZone: 'Asia/Tokyo', hour12: false });
    expect(tokyo.days.map((d) => [d.key, d.times.map((t) => t.label)])).toEqual([
      ['2027-01-01', ['08:30', '14:30', '23:00']],
    ]);
  });

  it('puts a late-evening slot on its local day, not its UTC day', () => {
    const f = run(['2026-11-25T03:00:00.000000Z', '2026-11-25T14:00:00.000000Z']);
    expect(f.days.map((d) => d.key)).toEqual(['2026-11-24', '2026-11-25']);
  });

  it('spreads slots with maxPerDay and counts slotCount', () => {
    const starts = [
      '2026-11-24T14:00:00.000000Z',
      '2026-11-24T14:30:00.000000Z',
      '2026-11-24T15:00:00.000000Z',
      '2026-11-25T14:00:00.000000Z',
      '2026-11-26T14:00:00.000000Z',
    ];
    const f = run(starts, { count: 3, maxPerDay: 1 });
    expect(f.slotCount).toBe(3);
    expect(f.days.map((d) => `${d.key} ${d.times.map((t) => t.label).join(',')}`)).toEqual([
      '2026-11-24 9:00 AM',
      '2026-11-25 9:00 AM',
      '2026-11-26 9:00 AM',
    ]);
    const g = run(starts, { count: 4, maxPerDay: 2 });
    expect(g.days.map((d) => d.times.length)).toEqual([2, 1, 1]);
    expect(run(starts, { count: 4 }).days.map((d) => d.times.length)).toEqual([3, 1]);
  });
});

describe('formatSlots: locales', () => {
  const iso = '2026-11-24T14:00:00.000000Z';
  it.each([
    ['en', 'Tuesday, November 24', 'Tue, Nov 24', '3:00 PM', '30 Minute Meeting · 30 min'],
    ['de', 'Dienstag, 24. November', 'Di., 24. Nov.', '3:00 nachm.', '30 Minute Meeting · 30 Min.'],
    ['fr', 'Mardi 24 novembre', 'Mar. 24 nov.', '3:00 PM', '30 Minute Meeting · 30\u00a0min'],
    ['es', 'Martes, 24 de noviembre', 'Mar, 24 de nov', '3:00 PM', '30 Minute Meeting · 30 min'],
    ['pt', 'Terça-feira, 24 de novembro', 'Terça, 24 de nov', '3:00 PM', '30 Minute Meeting · 30 min'],
    ['ja', '11月24日(火)', '11月24日(火)', '午後3:00', '30 Minute Meeting · 30分'],
  ] as const)('%s: day headers, 12h time, intro', (locale, long, short, time12, intro) => {
    const list = run([iso], { timeZone: 'Europe/Berlin', locale });
    const compact = run([iso], { timeZone: 'Europe/Berlin', locale, layout: 'compact' });
    expect(only(list).day.label).toBe(long);
    expect(only(compact).day.label).toBe(short);
    expect(only(list).time.label).toBe(time12);
    expect(only(run([iso], { timeZone: 'Europe/Berlin', locale, hour12: false })).time.label).toBe('15:00');
    expect(list.text.split('\n')[0]).toBe(intro);
  });

  it.each([
    ['en', 'Times shown in Central European Standard Time (UTC+01:00)', 'Or pick another time:'],
    ['de', 'Zeitangaben in der Zeitzone Mitteleuropäische Normalzeit (UTC+01:00)', 'Oder wählen Sie einen anderen Termin:'],
    ['fr', 'Horaires indiqués en heure normale d’Europe centrale (UTC+01:00)', 'Ou choisissez un autre créneau\u00a0:'],
    ['es', 'Horarios en hora estándar de Europa central (UTC+01:00)', 'O elija otro horario:'],
    ['pt', 'Horários no fuso horário Horário Padrão da Europa Central (UTC+01:00)', 'Ou escolha outro horário:'],
    ['ja', '時間はすべて中央ヨーロッパ標準時 (UTC+01:00)で表示しています。', '他の日時はこちらからお選びください：'],
  ] as const)('%s: zone line and closing line', (locale, zoneLine, closing) => {
    const f = run([iso], { timeZone: 'Europe/Berlin', locale });
    const lines = f.text.split('\n');
    expect(lines.at(-2)).toBe(zoneLine);
    expect(lines.at(-1)).toBe(`${closing} ${BOOKING}`);
    expect(parse(f.html).textContent).toContain(zoneLine);
  });

  it.each([
    ['en', 'No open times in this range.', 'Pick a time on my booking page:'],
    ['de', 'In diesem Zeitraum sind keine Termine frei.', 'Wählen Sie einen Termin auf meiner Buchungsseite:'],
    ['fr', 'Aucun créneau disponible sur cette période.', 'Choisissez un créneau sur ma page de réservation\u00a0:'],
    ['es', 'No hay horarios disponibles en este período.', 'Elija un horario en mi página de reservas:'],
    ['pt', 'Não há horários disponíveis neste período.', 'Escolha um horário na minha página de agendamento:'],
    ['ja', 'この期間に空いている時間はありません。', 'こちらの予約ページから日時をお選びください：'],
  ] as const)('%s: no slots', (locale, none, book) => {
    const f = run([], { locale });
    expect(f.slotCount).toBe(0);
    expect(f.days).toEqual([]);
    expect(f.text.split('\n').slice(-2)).toEqual([none, `${book} ${BOOKING}`]);
    const body = parse(f.html);
    expect(body.textContent).toContain(none);
    expect([...body.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([BOOKING]);
  });

  it('falls back to English for an unknown locale', () => {
    const f = run(['2026-11-24T14:00:00.000000Z'], { locale: 'xx' as LocaleCode });
    expect(only(f).day.label).toBe('Tuesday, November 24');
  });
});

describe('formatSlots: output shape', () => {
  const starts = ['2026-11-24T14:00:00.000000Z', '2026-11-24T14:30:00.000000Z', '2026-11-26T16:00:00.000000Z'];

  it('list layout: text', () => {
    expect(run(starts).text).toBe(
      [
        '30 Minute Meeting · 30 min',
        '',
        'Tuesday, November 24',
        `  • 9:00 AM  ${url(starts[0]!)}`,
        `  • 9:30 AM  ${url(starts[1]!)}`,
        '',
        'Thursday, November 26',
        `  • 11:00 AM  ${url(starts[2]!)}`,
        '',
        'Times shown in Eastern Standard Time (UTC-05:00)',
        `Or pick another time: ${BOOKING}`,
      ].join('\n'),
    );
  });

  it('list layout: html', () => {
    const body = parse(run(starts).html);
    expect([...body.querySelectorAll('p > b')].map((b) => b.textContent)).toEqual([
      '30 Minute Meeting',
      'Tuesday, November 24',
      'Thursday, November 26',
    ]);
    const lists = [...body.querySelectorAll('ul')];
    expect(lists.map((ul) => [...ul.querySelectorAll('li > a')].map((a) => [a.textContent, a.getAttribute('href')]))).toEqual([
      [
        ['9:00 AM', url(starts[0]!)],
        ['9:30 AM', url(starts[1]!)],
      ],
      [['11:00 AM', url(starts[2]!)]],
    ]);
    const closing = [...body.querySelectorAll('p')].at(-1)!;
    expect(closing.textContent).toBe(`Or pick another time: ${BOOKING}`);
    expect(closing.querySelector('a')?.getAttribute('href')).toBe(BOOKING);
  });

  it('compact layout: one line per day', () => {
    const f = run(starts.concat('2026-11-24T16:00:00.000000Z'), { layout: 'compact' });
    const body = parse(f.html);
    expect(body.querySelectorAll('ul, li')).toHaveLength(0);
    const lines = [...body.querySelectorAll('p')].map((p) => p.textContent);
    expect(lines.slice(1, 3)).toEqual(['Tue, Nov 24: 9:00 AM · 9:30 AM · 11:00 AM', 'Thu, Nov 26: 11:00 AM']);
    expect(body.querySelectorAll('a')).toHaveLength(5);
    expect(f.text.split('\n')[3]).toBe(`Thu, Nov 26: 11:00 AM ${url(starts[2]!)}`);
  });

  it('unsafe slot URL: time without link, text without URL', () => {
    const f = run(starts.slice(0, 2), {}, {
      slots: [
        { start_time: starts[0]!, scheduling_url: 'javascript:alert(1)' },
        { start_time: starts[1]!, scheduling_url: url(starts[1]!) },
      ],
    });
    expect(f.days[0]!.times.map((t) => t.url)).toEqual([null, url(starts[1]!)]);
    expect(f.text).toContain('  • 9:00 AM\n');
    expect(f.text).not.toContain('javascript');
    const items = [...parse(f.html).querySelectorAll('li')];
    expect(items.map((li) => [li.textContent, li.querySelectorAll('a').length])).toEqual([
      ['9:00 AM', 0],
      ['9:30 AM', 1],
    ]);
  });

  it('unsafe booking URL: closing line omitted', () => {
    const f = run(starts, {}, { bookingUrl: 'https://calendly.com.evil.com/jane' });
    expect(f.text).not.toContain('Or pick another time');
    expect(f.text.split('\n').at(-1)).toBe('Times shown in Eastern Standard Time (UTC-05:00)');
    expect(run([], {}, { bookingUrl: 'javascript:alert(1)' }).text).toBe(
      '30 Minute Meeting · 30 min\n\nNo open times in this range.',
    );
  });

  it.each([
    [0, '30 Minute Meeting'],
    [Number.NaN, '30 Minute Meeting'],
    [45, '30 Minute Meeting · 45 min'],
  ])('duration %s → intro %j', (durationMinutes, intro) => {
    expect(run(starts, {}, { durationMinutes }).text.split('\n')[0]).toBe(intro);
  });

  it('event name is one line', () => {
    const f = run(starts, {}, { eventName: ' Intro\ncall\t\u0007 ' });
    expect(f.text.split('\n')[0]).toBe('Intro call · 30 min');
  });

  it('microsecond timestamps are read exactly', () => {
    const f = run(['2026-11-26T15:00:00.999999Z'], { timeZone: 'UTC', hour12: false });
    expect(only(f).time).toMatchObject({ label: '15:00', start: '2026-11-26T15:00:00.999Z' });
  });

  it('unknown primary zone falls back to UTC and says so', () => {
    const f = run(['2026-11-26T15:00:00.000000Z'], { timeZone: 'Mars/Olympus', hour12: false });
    expect(only(f).time.label).toBe('15:00');
    expect(f.text).toContain('Times shown in Coordinated Universal Time (UTC+00:00)');
  });
});
