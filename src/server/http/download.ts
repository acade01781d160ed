/** `Content-Disposition` of a download: the file's name as typed (Vietnamese included), per RFC 6266 / RFC 8187. */
export const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
