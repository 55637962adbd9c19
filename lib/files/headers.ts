// Header spellings (after normalizeHeader) of the columns that every goods list shares, whether
// an order sheet or head office's shipping list: SKU, size and quantity. Each file adds its own
// columns, and its own words for the quantity, next to these.
export const GOODS_LINE_HEADERS = {
  款号: 'sku',
  货号: 'sku',
  款式编号: 'sku',
  sku: 'sku',
  style: 'sku',
  styleno: 'sku',
  尺码: 'size',
  尺寸: 'size',
  size: 'size',
  数量: 'qty',
  qty: 'qty',
  quantity: 'qty',
} as const satisfies Record<string, 'sku' | 'size' | 'qty'>;
