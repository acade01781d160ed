/**
 * Header text → lookup key: no diacritics, no spaces or punctuation, lower case ("Port Protocol", "PORT PROTOCOL" →
 * "portprotocol"; NFC and NFD "Địa chỉ IP" alike). In shared so modules that import each other can use it at load time.
 */
export const headerKey = (h: string) =>
  h
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
