/**
 * Personal data taken out of a quote before it is shown beside a persona or a topic: e-mail addresses, links,
 * @handles, phone-like digit runs, and any names the caller knows (the writer's own first and last name).
 * A quote illustrates a group, never identifies a person in it.
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
const URL = /\b(?:https?:\/\/|www\.)\S+/giu;
const HANDLE = /(^|[^\p{L}\p{N}_])@[\p{L}\p{N}_.]{2,}/gu;
// Seven or more digits, with the separators phone numbers are written with.
const PHONE = /\+?\d[\d ().-]{5,}\d/g;

const literalText = (s: string) => s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

/** `text` with e-mails, links, handles, phone numbers and the given names replaced by placeholders. */
export function redactPersonal(text: string, names: readonly string[] = []): string {
  let out = text
    .replace(EMAIL, '[email]')
    .replace(URL, '[link]')
    .replace(HANDLE, '$1@…')
    .replace(PHONE, (m) => (m.replace(/\D/g, '').length >= 7 ? '[phone]' : m));
  for (const name of names) {
    const n = name.trim();
    // A name of one or two letters would blank ordinary words.
    if ([...n].length < 3) continue;
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${literalText(n)}(?![\\p{L}\\p{N}])`, 'giu'), '[name]');
  }
  return out;
}
