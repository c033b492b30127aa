/** The words of an identifier, lower case: `userPhone`, `phone_number`, `MobileNo`, `NRICNumber`, `e-mail` → [user, phone], [phone, number], [mobile, no], [nric, number], [e, mail]. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
