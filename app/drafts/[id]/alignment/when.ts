// How the alignment screens say when a text changed: the time alone today ("12:40"), the date and
// time before, in the reader's locale (next-intl's formatter, from the client or the server).
type DateTimeFormatter = { dateTime(value: Date, options: { dateStyle?: "medium"; timeStyle: "short" }): string };

export function formatWhen(format: DateTimeFormatter, iso: string | Date, now = new Date()): string {
  const date = new Date(iso);
  const today = date.toDateString() === now.toDateString();
  return format.dateTime(date, today ? { timeStyle: "short" } : { dateStyle: "medium", timeStyle: "short" });
}

/** "Amina Diallo (Senegal)", or the name alone without a delegation. */
export function personLabel(person: { name: string; delegation: string }): string {
  return person.delegation ? `${person.name} (${person.delegation})` : person.name;
}
