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
  // projects and budgets (R7, R8)
  BUDGET_EXCEEDED: '超出预算指标（《预算法》/R8：不得超预算支付）',
  ALLOCATION_EXCEEDED: '超出本机持有的额度分配（R8 离线预算安全）',
  PROJECT_CODE_TAKEN: '项目编号已被使用',
  BUDGET_LINE_DUPLICATE: '同一项目、年度、预算科目和资金来源的预算指标已存在',
  BUDGET_BELOW_COMMITTED: '预算指标金额不能低于已占用与已支付之和',
  MONTHLY_PLAN_INVALID: '用款计划不正确',
  IMPORT_INVALID: '导入文件有错误，未导入任何数据',
  // attachments and payment requests (R3–R6, invariants 3 and 4)
  ATTACHMENT_TOO_LARGE: '附件超过单个 50 MB 的上限',
  ATTACHMENT_TYPE_NOT_ALLOWED: '附件类型不允许，只能上传 PDF、OFD、PNG/JPEG 图片、Excel（.xlsx）',
  ATTACHMENT_EMPTY: '附件是空文件',
  ATTACHMENT_HASH_MISMATCH: '附件上传不完整或内容已变化（大小或 SM3 校验不符），请重新上传',
  UPLOAD_NOT_FOUND: '上传任务不存在或已过期，请重新上传',
  EVIDENCE_MISSING: '缺少该款项类型要求的证明材料',
  ADVANCE_OVER_LIMIT: '预付款超过合同金额的 30%（《建设工程价款结算暂行办法》第十二条）',
  PROGRESS_OVER_CERTIFIED: '进度款超过已确认完成产值可支付的上限（财建〔2022〕183号）',
  CONTRACT_AMOUNT_EXCEEDED: '累计支付超过合同金额',
  RETENTION_NOT_WITHHELD: '质量保证金返还前，累计支付须预留合同约定的质量保证金（建质〔2017〕138号）',
  RETENTION_NOT_DUE: '缺陷责任期未满，不能返还质量保证金（建质〔2017〕138号）',
  LABOUR_OVER_AMOUNT: '人工费用不能超过申请金额（《保障农民工工资支付条例》）',
  INVOICE_ALREADY_USED: '该发票号码已在其他支付申请中使用，同一发票只能支付一次',
  CONTRACT_NOT_PAYABLE: '该合同当前状态不能申请付款',
  REQUEST_STATE_INVALID: '支付申请当前状态不允许此操作',
  // contracts (R1, R3–R7)
  CONTRACT_SME_TERM_TOO_LONG: '中小企业合同的付款期限不得超过验收后 60 日（《保障中小企业款项支付条例》第九条）',
  CONTRACT_BACK_TO_BACK: '合同不得约定以第三方付款作为付款条件（“背靠背”条款）',
  CONTRACT_ADVANCE_OUT_OF_RANGE: '预付款比例应为合同金额的 10%–30%（《建设工程价款结算暂行办法》第十二条）',
  CONTRACT_PROGRESS_RATIO_INVALID: '进度款比例不得低于已确认完成产值的 80%（财建〔2022〕183号）',
  CONTRACT_RETENTION_TOO_HIGH: '质量保证金比例不得超过 3%（《建设工程质量保证金管理办法》第七条）',
  CONTRACT_LABOUR_SHARE_MISSING: '施工合同须约定人工费用占比（《保障农民工工资支付条例》）',
  CONTRACT_WAGE_ACCOUNT_MISSING: '施工合同的收款单位须登记农民工工资专用账户（《保障农民工工资支付条例》）',
  CONTRACT_FUNDS_NOT_IN_PLACE: '预算指标可用余额不足，资金未落实，不能签订合同（《政府投资条例》第二十二条）',
  CONTRACT_TERMS_INVALID: '合同付款条款不正确',
  CONTRACT_STATE_INVALID: '合同当前状态不允许此操作',
  CONTRACT_CODE_TAKEN: '合同编号已被使用',
  CONTRACT_CHANGE_STALE: '合同已有更新版本，该变更须按最新版本重新起草',
  CONTRACT_CHANGE_STATE_INVALID: '合同变更当前状态不允许此操作',
  CONTRACT_DOCUMENT_INVALID: '合同文本校验失败（SM3 或单位签名不符）',
  COUNTERPARTY_DUPLICATE: '本单位已登记该统一社会信用代码的收款单位',
  CERTIFICATE_INVALID: '计量/进度确认不正确',
  // approval routing and decisions (R10, R12)
  NO_ROUTE: '没有匹配的审批规则，无法确定审批路线，请系统管理员检查审批规则',
  DECISION_TABLE_INVALID: '审批规则有错误，未发布',
  SEPARATION_OF_DUTIES: '违反不相容岗位相分离（R10），操作被拒绝并已记录',
  NOT_AN_APPROVER: '您不是当前审批步骤的审批人',
  APPROVAL_STATE_INVALID: '该事项当前不在审批中，或已由他人处理，请刷新后核对',
  COMMENT_REQUIRED: '请填写审批意见',
  SIGNING_PASSWORD_WRONG: '密码不正确，无法解锁您的签名密钥，审批未提交',
  DELEGATION_INVALID: '审批委托设置不正确',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}
