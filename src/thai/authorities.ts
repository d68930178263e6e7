/**
 * The kinds of Thai local government, as their names begin: used to guess a new authority's
 * fields (init) and to spot another authority's name copied into prose (measures).
 */
export interface LocalAuthorityType {
  /** How the full name begins: "เทศบาลตำบล" in "เทศบาลตำบลบ้านใหม่". */
  prefix: string;
  /** The abbreviation that replaces the prefix: "ทต." → "ทต.บ้านใหม่". */
  abbr: string;
  /** The head's title, which takes the place name too: "นายกเทศมนตรีตำบล" → "นายกเทศมนตรีตำบลบ้านใหม่". */
  head: string;
  /** Whether a place name follows the prefix (Bangkok and Pattaya are one of a kind). */
  placeNamed: boolean;
}

export const LOCAL_AUTHORITY_TYPES: readonly LocalAuthorityType[] = [
  { prefix: 'องค์การบริหารส่วนจังหวัด', abbr: 'อบจ.', head: 'นายกองค์การบริหารส่วนจังหวัด', placeNamed: true },
  { prefix: 'องค์การบริหารส่วนตำบล', abbr: 'อบต.', head: 'นายกองค์การบริหารส่วนตำบล', placeNamed: true },
  { prefix: 'เทศบาลนคร', abbr: 'ทน.', head: 'นายกเทศมนตรีนคร', placeNamed: true },
  { prefix: 'เทศบาลเมือง', abbr: 'ทม.', head: 'นายกเทศมนตรีเมือง', placeNamed: true },
  { prefix: 'เทศบาลตำบล', abbr: 'ทต.', head: 'นายกเทศมนตรีตำบล', placeNamed: true },
  { prefix: 'กรุงเทพมหานคร', abbr: 'กทม.', head: 'ผู้ว่าราชการกรุงเทพมหานคร', placeNamed: false },
  { prefix: 'เมืองพัทยา', abbr: 'เมืองพัทยา', head: 'นายกเมืองพัทยา', placeNamed: false },
];
