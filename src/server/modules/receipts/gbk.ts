// Chinese receipt printers take GBK text: iconv-lite encodes it (characters outside GBK print as
// '?'), which is why the server, not core, supplies the encoder to `encodeReceiptEscPos`.
import iconv from 'iconv-lite';

export function encodeGbk(text: string): Uint8Array {
  return iconv.encode(text, 'gbk');
}
