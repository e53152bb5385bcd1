// Raised when a database file was written by a newer version of the program than this one.
import { AppError } from '../domain/errors.js';

export class DatabaseVersionError extends AppError {
  readonly found: number;
  readonly supported: number;

  constructor(file: string, found: number, supported: number) {
    super(
      'UNAVAILABLE',
      `数据库 ${file} 的结构版本是 ${found}，本程序只支持到版本 ${supported}，可能是用旧版程序打开了新版数据。` +
        '为避免损坏数据，程序拒绝打开它：请升级程序，或换用与本版本匹配的数据库备份。',
      { details: { file, found, supported } },
    );
    this.name = 'DatabaseVersionError';
    this.found = found;
    this.supported = supported;
  }
}
