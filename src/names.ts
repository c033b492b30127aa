/** The words of an identifier, lower case: `userPhone`, `phone_number`, `MobileNo`, `NRICNumber`, `e-mail` → [user, phone], [phone, number], [mobile, no], [nric, number], [e, mail]. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    // A capital before a capitalised word ends a run of capitals; matched by looking ahead, as `([A-Z]+)([A-Z][a-z])`
    // backtracked over every run of capitals without one (a 40,000-letter run took a minute, found by fuzzing).
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
