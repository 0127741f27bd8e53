/** The screenshots' touches on the stand-ins (scripts/screenshots.ts, scripts/demo.ts): a little more of Gmail's look. */

/** A grey line icon as a CSS background (the stand-in's toolbar has empty placeholders). */
const icon = (paths: string) =>
  `url("data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24' fill='none' stroke='#444746' stroke-width='1.8' stroke-linecap='round' stroke-linejoin='round'>${paths}</svg>`,
  )}")`;

const ICONS: Record<string, string> = {
  '.dv': "<path d='M6 16 12 4l6 12M8.5 11h7M5 20h14'/>",
  '[command="Files"]': "<path d='M21 11 12 20a6 6 0 0 1-8.5-8.5L12.7 2.3a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8L15 5.8'/>",
  '[command="+link"]': "<path d='M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7'/><path d='M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7'/>",
  '[command="+emoticon"]': "<circle cx='12' cy='12' r='9'/><path d='M8 14s1.5 2 4 2 4-2 4-2M9 9h.01M15 9h.01'/>",
  '[command="docs"]': "<path d='M8 4h8l6 10-4 6H6l-4-6z'/>",
  '[command="image"]': "<rect x='3' y='3' width='18' height='18' rx='2'/><circle cx='8.5' cy='8.5' r='1.5'/><path d='m21 15-5-5L5 21'/>",
  '[command="locker"]': "<rect x='4' y='11' width='16' height='10' rx='2'/><path d='M8 11V7a4 4 0 0 1 8 0v4'/>",
  '[command="signature"]': "<path d='M12 20h9M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z'/>",
  '.Xv': "<circle cx='12' cy='5' r='1'/><circle cx='12' cy='12' r='1'/><circle cx='12' cy='19' r='1'/>",
  '.oh': "<path d='M3 6h18M8 6V4h8v2M19 6l-1 14H6L5 6'/>",
  '.Hm img.Hl': "<path d='M5 12h14'/>",
  '.Hm img.Hq': "<path d='M15 3h6v6M9 21H3v-6M21 3l-7 7M3 21l7-7'/>",
  '.Hm img.Ha': "<path d='M18 6 6 18M6 6l12 12'/>",
};

/** A touch more of Gmail's look on the stand-in (recipient chip, toolbar icons). Screenshots only. */
export const GMAIL_POLISH = `
  .gb_logo { font-size: 22px; color: #444746; }
  .afZ { display: flex; align-items: center; gap: 8px; }
  .afZ > .agP { flex: 1; }
  .afV { display: inline-flex; align-items: center; height: 24px; padding: 0 10px; border-radius: 12px; background: #e8eaed; font-size: 13px; white-space: nowrap; }
  .AD { width: 540px; }
  .Hm img { width: 16px; height: 16px; }
  ${Object.entries(ICONS)
    .map(([sel, paths]) => `${sel} { background: ${icon(paths)} center / 18px no-repeat transparent !important; border-radius: 0 !important; }`)
    .join('\n  ')}
  tr.zA.unread td { font-weight: 700; }
  tr.zA .y2 { color: #5f6368; font-weight: 400; }
`;

/** More of an inbox than the stand-in's two messages. */
export const INBOX_ROWS = [
  ['Priya Natarajan', 'Partnership proposal', 'Thanks for the deck! Could we set up a call to go through it?', '9:41 AM', true],
  ['Calendly', 'New event: Intro Call with Jordan Lee', 'Jordan Lee booked Intro Call for Tuesday.', '8:15 AM', false],
  ['Marco Bianchi', 'Re: Q3 roadmap review', 'Sounds good, let us pick a slot once the numbers are in.', 'Yesterday', false],
  ['Dana Whitfield', 'Coffee next week?', 'I will be in town from Monday. Free for a coffee?', 'Yesterday', true],
  ['Team Updates', 'Weekly digest', 'Three new customers, two launches and one very good cake.', 'Feb 25', false],
] as const;


/** The availability page at 1280x800: everything from the figures to the end of the working day. */
export const AVAILABILITY_STYLE = `
  html { zoom: 0.7; }
  /* The page down to the end of the week calendar; the per-day table and the team summary follow below. */
  main section.card:not(.av-controls):not([aria-labelledby="av-figures-h"]):not([aria-labelledby="av-week-h"]) { display: none; }
`;
