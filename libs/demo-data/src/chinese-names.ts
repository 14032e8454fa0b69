import type { SeededRandom } from './seeded-random.js';

// Surnames common in 厦门 / 闽南, roughly by frequency.
const SURNAMES = [
  '陈', '林', '黄', '张', '吴', '李', '王', '郑', '刘', '杨', '许', '蔡', '洪', '苏', '曾', '谢', '庄', '叶', '周', '卢',
  '柯', '邱', '何', '施', '江', '游', '赖', '郭', '徐', '傅', '翁', '颜', '方', '康', '余', '杜', '彭', '潘', '高', '肖',
];
const MALE = ['建', '国', '明', '伟', '志', '强', '文', '华', '军', '平', '俊', '杰', '辉', '宏', '斌', '勇', '鸿', '泽', '浩', '宇', '晨', '阳', '峰', '毅', '振', '龙', '海', '荣', '德', '清'];
const FEMALE = ['丽', '芳', '秀', '英', '敏', '静', '燕', '玲', '红', '霞', '婷', '雅', '慧', '琳', '萍', '娟', '洁', '梅', '兰', '珍', '颖', '欣', '怡', '蓉', '晓', '月', '美', '淑', '雪', '丹'];

export function chineseName(random: SeededRandom, gender: 'MALE' | 'FEMALE', surname?: string): string {
  const family = surname ?? random.weighted(SURNAMES.map((s, i) => [s, SURNAMES.length - i] as const));
  const chars = gender === 'MALE' ? MALE : FEMALE;
  const first = random.pick(chars);
  let second = random.pick(chars);
  while (second === first) second = random.pick(chars);
  const given = random.chance(0.7) ? first + second : first;
  return family + given;
}

export function surnameOf(name: string): string {
  return name.slice(0, 1);
}
