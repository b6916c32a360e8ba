/**
 * Chinese personal names with their pinyin, for users (登录名 from the pinyin, e.g. 王建华 →
 * wangjh) and for the people named in comments. Common surnames, in rough order of frequency.
 */
export const SURNAMES: readonly (readonly [string, string])[] = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'],
  ['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'],
  ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'], ['林', 'lin'], ['高', 'gao'], ['罗', 'luo'], ['郑', 'zheng'],
  ['梁', 'liang'], ['谢', 'xie'], ['宋', 'song'], ['唐', 'tang'], ['许', 'xu'], ['邓', 'deng'], ['冯', 'feng'],
  ['韩', 'han'], ['曹', 'cao'], ['曾', 'zeng'], ['彭', 'peng'], ['萧', 'xiao'], ['蔡', 'cai'], ['潘', 'pan'],
  ['田', 'tian'], ['董', 'dong'], ['袁', 'yuan'], ['于', 'yu'], ['余', 'yu'], ['叶', 'ye'], ['蒋', 'jiang'],
  ['杜', 'du'], ['苏', 'su'], ['魏', 'wei'], ['程', 'cheng'], ['吕', 'lv'], ['丁', 'ding'], ['沈', 'shen'],
  ['任', 'ren'], ['姚', 'yao'], ['卢', 'lu'], ['傅', 'fu'], ['钟', 'zhong'], ['姜', 'jiang'], ['崔', 'cui'],
];

export const GIVEN_CHARS: readonly (readonly [string, string])[] = [
  ['建', 'jian'], ['华', 'hua'], ['国', 'guo'], ['明', 'ming'], ['志', 'zhi'], ['文', 'wen'], ['军', 'jun'],
  ['平', 'ping'], ['伟', 'wei'], ['强', 'qiang'], ['海', 'hai'], ['林', 'lin'], ['丽', 'li'], ['敏', 'min'],
  ['静', 'jing'], ['芳', 'fang'], ['秀', 'xiu'], ['英', 'ying'], ['红', 'hong'], ['玉', 'yu'], ['德', 'de'],
  ['峰', 'feng'], ['磊', 'lei'], ['勇', 'yong'], ['斌', 'bin'], ['涛', 'tao'], ['杰', 'jie'], ['超', 'chao'],
  ['晓', 'xiao'], ['燕', 'yan'], ['霞', 'xia'], ['刚', 'gang'], ['辉', 'hui'], ['春', 'chun'], ['荣', 'rong'],
  ['新', 'xin'], ['宏', 'hong'], ['东', 'dong'], ['永', 'yong'], ['成', 'cheng'], ['立', 'li'], ['庆', 'qing'],
  ['清', 'qing'], ['雪', 'xue'], ['梅', 'mei'], ['兰', 'lan'], ['振', 'zhen'], ['家', 'jia'], ['宇', 'yu'],
  ['浩', 'hao'], ['鹏', 'peng'], ['思', 'si'], ['雨', 'yu'], ['欣', 'xin'], ['婷', 'ting'], ['佳', 'jia'],
  ['俊', 'jun'], ['凯', 'kai'], ['琳', 'lin'], ['慧', 'hui'], ['云', 'yun'], ['嘉', 'jia'], ['瑞', 'rui'],
];
