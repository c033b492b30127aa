// Sandbox payer for local testing, copied from a support ticket.
export const sandboxPayer = { nric: 'S8812345Z', phone: '+65 9123 8876' };
