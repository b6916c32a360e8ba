/**
 * Every error the product can answer, across every transport. The Chinese text is the default
 * user-facing message; callers may give a more precise one (naming the field or the rule).
 */
export const ERROR_CODES = {
  // transport and protocol
  BAD_REQUEST: '请求格式不正确',
  UNKNOWN_METHOD: '未知的接口方法',
  VALIDATION_FAILED: '输入不符合要求',
  INTERNAL: '系统内部错误，请联系管理员',
  CONNECTION_LOST: '与本机服务的连接已断开，操作结果未知，请刷新后核对',
  // identity and access (R11)
  NOT_AUTHENTICATED: '请先登录',
  SESSION_EXPIRED: '长时间未操作，会话已超时，请重新登录',
  FORBIDDEN: '当前角色无权执行此操作',
  OUT_OF_SCOPE: '不能操作本单位管辖范围以外的数据',
  INVALID_CREDENTIALS: '用户名或密码错误',
  ACCOUNT_LOCKED: '密码连续错误次数过多，账户已锁定',
  ACCOUNT_DISABLED: '账户已停用，请联系系统管理员',
  WEAK_PASSWORD: '密码不符合复杂度要求',
  PASSWORD_MISMATCH: '两次输入的密码不一致',
  LOGIN_TAKEN: '登录名已被使用',
  NOT_FOUND: '记录不存在',
  CONFLICT: '数据已被他人修改，请刷新后重试',
  ALREADY_SET_UP: '本机已完成初始化',
  NOT_SET_UP: '本机尚未初始化，请先创建单位和系统管理员',
  LAST_ADMIN: '不能停用或降级最后一个在用的系统管理员',
  SELF_DISABLE: '不能停用自己的账户',
  PASSWORD_CHANGE_REQUIRED: '首次登录或密码被重置后，须先修改密码',
  DATA_KEY_LOCKED: '本次登录未解锁数据密钥，请退出后重新登录',
  ROLE_CONFLICT: '角色组合违反不相容岗位相分离原则',
  // identifiers and amounts
  INVALID_USCC: '统一社会信用代码不正确',
  INVALID_ID_CARD: '身份证号码不正确',
  INVALID_BANK_ACCOUNT: '银行账号不正确',
  INVALID_E_INVOICE: '电子发票号码不正确',
  INVALID_AMOUNT: '金额不正确',
  // cryptography (R12)
  INTEGRITY_CHECK_FAILED: '数据完整性校验失败，数据可能已被篡改或密钥不正确',
  // backup and restore (R11)
  BACKUP_NOT_CONFIGURED: '尚未设置备份：请先设置备份目录和备份口令',
  BACKUP_FOLDER_INVALID: '备份目录不存在或不可写',
  BACKUP_BUSY: '已有备份、校验或恢复任务正在进行，请等待其完成',
  BACKUP_FAILED: '备份失败',
  BACKUP_NOT_A_BACKUP: '该文件不是本系统的备份文件',
  BACKUP_TRUNCATED: '备份文件不完整（可能复制中断或被截断），不能使用',
  BACKUP_CORRUPTED: '备份文件已损坏或被篡改，不能使用',
  BACKUP_WRONG_PASSPHRASE: '备份口令不正确',
  BACKUP_INCOMPATIBLE: '备份来自更新版本的软件，本版本不能恢复',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}
