/**
 * Pure formatting of Calendly open slots into the HTML and plain text Open Slots inserts into Gmail.
 * No DOM, no network, no clock: same input, same output.
 */
export { escapeHtml } from './escape';
export { safeCalendlyUrl } from './url';
export { pickSlots, type PickOptions } from './pick';
export { timeZoneLabel } from './zones';
export { blockContent, isEventTypeUri, isMarkedStart, MARK_EVENT_TYPE, MARK_START } from './marks';
export { SUPPORTED_LOCALES, type LocaleCode } from './strings';
export {
  formatSlots,
  type FormatInput,
  type FormatOptions,
  type Formatted,
  type FormattedDay,
  type FormattedTime,
  type Layout,
} from './format';
