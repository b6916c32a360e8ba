export { MAX_FEN, MIN_FEN, assertFen, isFen, type Fen } from './fen';
export { parseYuan, type ParseYuanOptions } from './parse-yuan';
export { fenToYuanString, formatFen, formatFenPlain } from './format';
export { toChineseCapitals } from './capitals';
