/**
 * The localized strings of the Gmail stand-ins. Gmail wraps keyboard hints in U+202A/U+202C
 * (checked with `od` on Cal.com's selector, gmail-dom.md §2); kept here so nothing can select on them.
 */
export interface GmailLabels {
  lang: string;
  compose: string;
  inbox: string;
  newMessage: string;
  reply: string;
  forward: string;
  messageBody: string;
  send: string;
  sendTooltip: string;
  moreSendOptions: string;
  subject: string;
  to: string;
  toRecipients: string;
  formatting: string;
  attach: string;
  link: string;
  emoji: string;
  drive: string;
  photo: string;
  confidential: string;
  signature: string;
  moreOptions: string;
  discard: string;
  minimize: string;
  fullScreen: string;
  close: string;
  plainTextMode: string;
  printMenu: string;
  defaultFullScreen: string;
  quoteAttr: string;
  draftSaved: string;
  search: string;
}

const LRE = '\u202A';
const PDF = '\u202C';

export const EN: GmailLabels = {
  lang: 'en',
  compose: 'Compose',
  inbox: 'Inbox',
  newMessage: 'New Message',
  reply: 'Reply',
  forward: 'Forward',
  messageBody: 'Message Body',
  send: 'Send',
  sendTooltip: `Send ${LRE}(Ctrl-Enter)${PDF}`,
  moreSendOptions: 'More send options',
  subject: 'Subject',
  to: 'To',
  toRecipients: 'To recipients',
  formatting: 'Formatting options',
  attach: 'Attach files',
  link: 'Insert link',
  emoji: 'Insert emoji',
  drive: 'Insert files using Drive',
  photo: 'Insert photo',
  confidential: 'Toggle confidential mode',
  signature: 'Insert signature',
  moreOptions: 'More options',
  discard: `Discard draft ${LRE}(Ctrl-Shift-D)${PDF}`,
  minimize: 'Minimize',
  fullScreen: 'Full screen (Shift for pop-out)',
  close: 'Save & close',
  plainTextMode: 'Plain text mode',
  printMenu: 'Print',
  defaultFullScreen: 'Default to full screen',
  quoteAttr: 'On Mon, Nov 24, 2025 at 10:02\u202FAM Bob Booker &lt;bob@example.com&gt; wrote:',
  draftSaved: 'Draft saved',
  search: 'Search mail',
};

export const ES: GmailLabels = {
  lang: 'es',
  compose: 'Redactar',
  inbox: 'Recibidos',
  newMessage: 'Mensaje nuevo',
  reply: 'Responder',
  forward: 'Reenviar',
  messageBody: 'Cuerpo del mensaje',
  send: 'Enviar',
  sendTooltip: `Enviar ${LRE}(Ctrl-Intro)${PDF}`,
  moreSendOptions: 'Más opciones de envío',
  subject: 'Asunto',
  to: 'Para',
  toRecipients: 'Destinatarios de Para',
  formatting: 'Opciones de formato',
  attach: 'Adjuntar archivos',
  link: 'Insertar enlace',
  emoji: 'Insertar emoji',
  drive: 'Insertar archivos con Drive',
  photo: 'Insertar foto',
  confidential: 'Activar o desactivar el modo confidencial',
  signature: 'Insertar firma',
  moreOptions: 'Más opciones',
  discard: `Descartar borrador ${LRE}(Ctrl-Mayús-D)${PDF}`,
  minimize: 'Minimizar',
  fullScreen: 'Pantalla completa (Mayús para ventana emergente)',
  close: 'Guardar y cerrar',
  plainTextMode: 'Modo de texto sin formato',
  printMenu: 'Imprimir',
  defaultFullScreen: 'Pantalla completa de forma predeterminada',
  quoteAttr: 'El lun, 24 nov 2025 a las 10:02, Bob Booker (&lt;bob@example.com&gt;) escribió:',
  draftSaved: 'Borrador guardado',
  search: 'Buscar correo',
};
