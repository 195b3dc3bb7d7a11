// Card numbers (PAN) are never stored or logged (ARCHITECTURE §4). A cashier typing the card
// number into the terminal-reference field is the usual way one leaks in, so references that
// look like a PAN are refused before anything is written.

/** 13–19 digits (spaces or dashes allowed) passing the Luhn check, as every payment card does. */
export function looksLikeCardNumber(text: string): boolean {
  const digits = text.replace(/[\s-]/g, '');
  if (!/^\d{13,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
