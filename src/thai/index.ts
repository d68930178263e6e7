export * from './digits.js';
export * from './calendar.js';
export * from './fiscal.js';
export * from './money.js';
export * from './dates.js';
export * from './authorities.js';
