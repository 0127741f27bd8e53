/**
 * HTML of the Gmail stand-ins, faithful to Gmail's compose DOM (skeleton of gmail-dom.md §6, the 2020
 * capture, current class strings). Ids and `jslog` are left out on purpose; wrapper depths marked "~"
 * in gmail-dom.md vary between builds and nothing may depend on them.
 *
 * Compose templates carry `{{id}}`, `{{draft}}`, `{{rt}}`, `{{subject}}`, `{{chips}}` and `{{body}}`
 * tokens, filled by the page runtime (runtime.js) when a compose opens.
 */
import type { GmailLabels } from './labels';

/** Escapes text for HTML text and attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

const DOT = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

/** A recipient chip of the new recipients UI (since 2021, gmail.js #654). */
export function chip(name: string, email: string): string {
  return `<div role="option" class="afV" data-name="${esc(name)}" data-hovercard-id="${esc(email)}"><span class="akl">${esc(name)}</span></div>`;
}

/** The bottom toolbar row: Send group, formatting toggle, separator, insert icons, more + discard. */
export function toolbarRow(L: GmailLabels): string {
  const icon = (command: string, label: string, inner = '') =>
    `<div class="wG J-Z-I" command="${command}" role="button" tabindex="1" data-tooltip="${esc(label)}" aria-label="${esc(label)}">${inner}</div>`;
  return (
    `<tr class="btC">` +
    `<td class="gU Up"><div class="J-J5-Ji btA"><div class="dC">` +
    `<div class="T-I J-J5-Ji aoO v7 T-I-atl L3" role="button" tabindex="1" data-tooltip="${esc(L.sendTooltip)}" aria-label="${esc(L.sendTooltip)}">${esc(L.send)}</div>` +
    `<div class="T-I J-J5-Ji hG T-I-atl L3" role="button" tabindex="1" aria-label="${esc(L.moreSendOptions)}" aria-haspopup="true" aria-expanded="false"><div class="G-asx"></div></div>` +
    `</div></div></td>` +
    `<td class="oc gU"><div data-tooltip="${esc(L.formatting)}" aria-label="${esc(L.formatting)}"><div class="J-Z-I J-J5-Ji" role="button" aria-pressed="false" aria-haspopup="true"><div class="dv"></div></div></div></td>` +
    `<td class="gU btB"><div class="Uz" aria-hidden="true"></div></td>` +
    `<td class="a8X gU"><div class="bAK">` +
    icon('Files', L.attach) +
    icon('+link', L.link, '<div class="e5 aaA aMZ"></div>') +
    icon('+emoticon', L.emoji) +
    icon('docs', L.drive) +
    icon('image', L.photo) +
    icon('locker', L.confidential) +
    icon('signature', L.signature) +
    `</div></td>` +
    `<td class="gU az5"><div class="J-J5-Ji btx">` +
    `<div class="J-J5-Ji bty"><div class="J-JN-M-I J-J5-Ji Xv L3 T-I-ax7 T-I" role="button" tabindex="1" aria-haspopup="true" aria-expanded="false" data-tooltip="${esc(L.moreOptions)}" aria-label="${esc(L.moreOptions)}"></div></div>` +
    `<div class="J-J5-Ji bty"><div class="oh J-Z-I J-J5-Ji T-I-ax7" role="button" tabindex="1" data-tooltip="${esc(L.discard)}" aria-label="${esc(L.discard)}"></div></div>` +
    `</div></td>` +
    `</tr>`
  );
}

/**
 * The "More options" menu with "Plain text mode" checked, as Gmail renders it inside the compose once
 * the user has opened it (see GMAIL.plainTextModeChecked in lib/gmail/selectors.ts for the assumption).
 */
export function plainTextMenu(L: GmailLabels): string {
  return (
    `<div class="J-M J-M-ayU aR" role="menu" aria-haspopup="true" style="user-select: none; display: none;">` +
    `<div class="SK AX">` +
    `<div class="J-N J-Ks" role="menuitemcheckbox" aria-checked="false"><div class="J-N-Jz"><div class="J-N-Jo"></div>${esc(L.defaultFullScreen)}</div></div>` +
    `<div class="J-Kh" role="separator" aria-disabled="true"></div>` +
    `<div class="J-N J-Ks Gk J-Ks-KO" role="menuitemcheckbox" aria-checked="true"><div class="J-N-Jz"><div class="J-N-Jo"></div>${esc(L.plainTextMode)}</div></div>` +
    `<div class="J-N" role="menuitem"><div class="J-N-Jz">${esc(L.printMenu)}</div></div>` +
    `</div></div>`
  );
}

/** A compose root (`div.M9`): `reply` for an inline reply (subject hidden, `rt` set). */
export function composeTemplate(L: GmailLabels, variant: 'new' | 'reply'): string {
  const reply = variant === 'reply';
  return (
    `<div class="M9">` +
    `<div class="aoI" role="region" aria-label="${esc(reply ? L.reply : L.newMessage)}">` +
    `<table class="aoP${reply ? '' : ' aoC'}"><tbody><tr><td class="aoY"></td><td class="I5">` +
    `<form class="bAs" method="POST" enctype="multipart/form-data" accept-charset="utf-8">` +
    `<div class="fX"><table class="GS" tabindex="-1"><tbody class="bze"><tr class="bzf">` +
    `<td class="ok"><div class="o1"><span class="gO aQY" role="link" tabindex="1">${esc(L.to)}</span></div></td>` +
    `<td class="eV"><div class="anm" name="to"><div class="aH9"><div class="afZ">` +
    `<div role="listbox" class="afX">{{chips}}</div>` +
    `<input class="agP aFw" tabindex="1" role="combobox" aria-autocomplete="list" autocomplete="off" spellcheck="false" aria-label="${esc(L.toRecipients)}">` +
    `</div></div></div></td>` +
    `</tr></tbody></table></div>` +
    `<div class="aoD az6"${reply ? ' style="display: none;"' : ''}><div>` +
    `<input name="subjectbox" class="aoT" autocomplete="off" spellcheck="true" tabindex="1" placeholder="${esc(L.subject)}" aria-label="${esc(L.subject)}" value="{{subject}}">` +
    `</div></div>` +
    `<input type="hidden" name="composeid" value="{{id}}"><input type="hidden" name="from" value="">` +
    `<input type="hidden" name="subject" value=""><input type="hidden" name="draft" value="{{draft}}">` +
    `<input type="hidden" name="rt" value="{{rt}}"><input type="hidden" name="ishtml" value="0"><input type="hidden" name="body" value="">` +
    `</form>` +
    `<table class="iN"><tbody>` +
    `<tr><td class="GQ"><div class="GP"><div class="qz"><div class="et"><div><div>` +
    `<table class="cf An" cellpadding="0"><tbody><tr><td class="Aq">&nbsp;</td><td class="Ap">` +
    `<div class="Ar Au" style="display: block;">` +
    `<div class="Am aiL Al editable LW-avf tS-tW" hidefocus="true" aria-label="${esc(L.messageBody)}" g_editable="true" role="textbox" aria-multiline="true" contenteditable="true" tabindex="1" itacorner="6,7:1,1,0,0" spellcheck="false" style="direction: ltr;">{{body}}</div>` +
    `</div>` +
    `</td><td class="Aq">&nbsp;</td></tr></tbody></table>` +
    `</div></div></div></div></div></td></tr>` +
    `<tr><td class="HE"><div class="aDg"><div class="aDj">` +
    `<div class="aDl"><div class="Ur"><div class="aX" role="toolbar" aria-label="${esc(L.formatting)}" style="display: none;"></div></div><span class="oG" role="status"></span></div>` +
    `<div class="aDh"><table class="IZ" role="group">` +
    `<colgroup><col><col class="Uf"><col class="UA"><col class="Uy"><col class="az8"><col></colgroup>` +
    `<tbody>${toolbarRow(L)}</tbody></table></div>` +
    `</div></div></td></tr>` +
    `</tbody></table>` +
    `</td></tr></tbody></table>` +
    `</div>` +
    `</div>`
  );
}

/** The mole / full-screen dialog around a compose: title bar (minimize, full screen, close) + `.aaZ`. */
export function dialogTemplate(L: GmailLabels): string {
  const img = (cls: string, label: string) =>
    `<img class="${cls}" src="${DOT}" alt="${esc(label)}" aria-label="${esc(label)}" data-tooltip="${esc(label)}">`;
  return (
    `<div class="nH">` +
    `<div class="nH Hd" role="dialog" aria-labelledby=":t{{id}}">` +
    `<div class="nH Hy aXJ"><div class="nH"><div class="l m"><div class="l n"><div class="k"><div class="aCk"><div class="nH wKggEb">` +
    `<table class="cf Ht" cellpadding="0"><tbody><tr>` +
    `<td><div id=":t{{id}}" class="Hp"><h2 class="a3E"><div class="a3I">Compose:</div><div class="aYF">${esc(L.newMessage)}</div></h2></div></td>` +
    `<td class="Hm">${img('Hl', L.minimize)}${img('Hq aUG', L.fullScreen)}${img('Ha', L.close)}</td>` +
    `</tr></tbody></table>` +
    `</div></div></div></div></div></div></div>` +
    `<div class="nH" style=""><div class="aaZ">{{compose}}</div></div>` +
    `</div>` +
    `</div>`
  );
}

/** The body Gmail starts a new message with: an empty line and the signature. */
export function signatureHtml(): string {
  return (
    `<div><br></div><span class="gmail_signature_prefix">-- </span><br>` +
    `<div dir="ltr" class="gmail_signature" data-smartmail="gmail_signature"><div dir="ltr">Ann Example<br>Example Co.</div></div>`
  );
}

/** The quoted message below an inline reply. */
export function quoteHtml(L: GmailLabels): string {
  return (
    `<br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">${L.quoteAttr}<br></div>` +
    `<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">` +
    `<div dir="ltr">Are you free for lunch next week?<br>Bob</div></blockquote></div>`
  );
}

/** The inbox list (the `[role=main]` content of `#inbox`). */
export function inboxView(L: GmailLabels): string {
  const row = (from: string, subject: string, snippet: string, time: string) =>
    `<tr class="zA zE" role="row" tabindex="-1"><td class="yX xY"><span class="bA4"><span class="yP" email="bob@example.com">${esc(from)}</span></span></td>` +
    `<td class="xY a4W"><span class="bog">${esc(subject)}</span><span class="y2"> - ${esc(snippet)}</span></td>` +
    `<td class="xW xY"><span>${esc(time)}</span></td></tr>`;
  return (
    `<div class="nH"><div class="ae4 UI"><h2 class="Dj">${esc(L.inbox)}</h2>` +
    `<table class="F cf zt"><tbody>` +
    row('Bob Booker', 'Lunch next week?', 'Are you free for lunch next week?', '10:02 AM') +
    row('Carol Cal', 'Project kickoff', 'Could we find 30 minutes to talk?', 'Nov 23') +
    `</tbody></table></div></div>`
  );
}

/** A conversation (the `[role=main]` content of `#inbox/<thread>`), reply area collapsed (`.ip.iq`). */
export function threadView(L: GmailLabels): string {
  return (
    `<div class="nH if"><div class="nH aHU"><div class="ha"><h2 class="hP" tabindex="-1">Lunch next week?</h2></div>` +
    `<div class="nH" role="list"><div class="h7" role="listitem">` +
    `<div class="adn ads" data-message-id="#msg-f:1789012345678901234" data-legacy-message-id="18c0a1b2c3d4e5f6">` +
    `<div class="gs"><h3 class="iw"><span class="gD" email="bob@example.com" name="Bob Booker">Bob Booker</span></h3>` +
    `<div class="a3s aiL"><div dir="ltr">Are you free for lunch next week?<br>Bob</div></div></div></div>` +
    `<div class="ip iq"><div class="amn">` +
    `<span class="ams bkH" role="link" tabindex="0">${esc(L.reply)}</span> <span class="ams bkG" role="link" tabindex="0">${esc(L.forward)}</span>` +
    `</div></div>` +
    `</div></div></div></div>`
  );
}
