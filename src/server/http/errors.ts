/** The one error shape every failure answers with: { error: { code, message, messageVi, field? } }. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly messageVi: string,
    readonly field?: string,
    /** Per-item problems, e.g. the rows of an import file. */
    readonly details?: unknown[],
  ) {
    super(message);
  }
  toBody() {
    return {
      error: {
        code: this.code,
        message: this.message,
        messageVi: this.messageVi,
        ...(this.field ? { field: this.field } : {}),
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }
}

export const notFound = (what = 'Record') => new AppError(404, 'not_found', `${what} not found`, 'Không tìm thấy dữ liệu');

export const forbidden = () => new AppError(403, 'forbidden', 'You are not allowed to do this', 'Bạn không có quyền thực hiện thao tác này');

export const unauthorized = () => new AppError(401, 'unauthorized', 'Please sign in', 'Vui lòng đăng nhập');

export const invalid = (field: string, message: string, messageVi: string) => new AppError(400, 'invalid', message, messageVi, field);

export const conflict = (field: string, message: string, messageVi: string) => new AppError(409, 'conflict', message, messageVi, field);
