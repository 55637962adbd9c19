// The money and time rules of a booking (domain/bookings.ts), on the awkward cases: integer fen
// in BigInt, prepayment rounded half up to the fen, deadlines at the end of the day in the
// business zone, and where a booking stands against its quota.
import { bookingCode, orderTotals, paymentDeadline, prepaymentDueFen, quotaCheck, shareToBp } from '../../domain/bookings';
import { endOfDay } from '../../domain/calendar';

describe('prepayment: amount × share, rounded half up to the whole fen', () => {
  test.each([
    // amount fen, share bp, due fen
    [0n, 3000, 0n],
    [1n, 3000, 0n], // 0.3 → 0
    [2n, 2500, 1n], // 0.5 → 1 (half up)
    [5n, 3000, 2n], // 1.5 → 2
    [15n, 3000, 5n], // 4.5 → 5
    [3n, 5000, 2n], // 1.5 → 2
    [10n, 3333, 3n], // 3.333 → 3
    [17n, 3333, 6n], // 5.6661 → 6
    [47_800_000n, 3000, 14_340_000n],
    [99_999n, 10_000, 99_999n], // 100 %
    [99_999n, 0, 0n],
    [123_456_789n, 1, 12_346n], // 12345.6789 → 12346
    [9_007_199_254_740_993n, 3000, 2_702_159_776_422_298n], // beyond 2^53: 2702159776422297.9 → …298
  ])('%s fen at %s bp → %s fen', (amount, bp, due) => {
    expect(prepaymentDueFen(amount, bp)).toBe(due);
  });

  test('refuses a share outside 0–100 % or a fractional basis point, and a negative amount', () => {
    expect(() => prepaymentDueFen(100n, 10_001)).toThrow(RangeError);
    expect(() => prepaymentDueFen(100n, -1)).toThrow(RangeError);
    expect(() => prepaymentDueFen(100n, 12.5)).toThrow(RangeError);
    expect(() => prepaymentDueFen(-1n, 3000)).toThrow(RangeError);
  });

  test('a setting share becomes basis points without float noise', () => {
    expect(shareToBp(0.3)).toBe(3000);
    expect(shareToBp(0.07)).toBe(700); // 0.07 × 10000 = 700.0000000000001
    expect(shareToBp(0.2999)).toBe(2999);
    expect(shareToBp(1)).toBe(10_000);
  });
});

test('order totals are exact sums of qty × unit price, also above 2^53', () => {
  expect(
    orderTotals([
      { qty: 3, unitPriceFen: 8_900 },
      { qty: 7, unitPriceFen: 15_900 },
    ]),
  ).toEqual({ amountFen: 138_000n, totalQty: 10 });
  expect(
    orderTotals([
      { qty: 100_000, unitPriceFen: 2_147_483_647 },
      { qty: 100_000, unitPriceFen: 2_147_483_647 },
    ]).amountFen,
  ).toBe(429_496_729_400_000n);
  expect(orderTotals([]).amountFen).toBe(0n);
});

describe('quota check', () => {
  const Q = 50_000_000n;
  test.each([
    [50_000_000n, 'within'], // exactly the quota
    [45_000_000n, 'within'], // exactly 90 %
    [44_999_999n, 'below'],
    [50_000_001n, 'above'],
    [0n, 'below'],
  ] as const)('%s fen against a quota of 50,000,000 with 10 %% tolerance: %s', (amount, check) => {
    expect(quotaCheck(amount, Q, 1000)).toBe(check);
  });
  test('no quota (or a zero quota) is its own case', () => {
    expect(quotaCheck(1n, null, 1000)).toBe('no_quota');
    expect(quotaCheck(1n, 0n, 1000)).toBe('no_quota');
  });
  test('zero tolerance means anything below the quota is below', () => {
    expect(quotaCheck(Q - 1n, Q, 0)).toBe('below');
  });
});

describe('payment deadline in Asia/Shanghai', () => {
  const zone = 'Asia/Shanghai';
  test('a whole-day window ends at the end of that calendar day, local time', () => {
    // 2027-03-01 23:30 in Shanghai is 15:30 UTC; seven days on: the end of 2027-03-08 local.
    expect(paymentDeadline('2027-03-01T15:30:00Z', 'P7D', zone)).toBe('2027-03-08T15:59:59.999Z');
    // 00:10 local on 03-02 is still 03-01 in UTC: the local day counts.
    expect(paymentDeadline('2027-03-01T16:10:00Z', 'P7D', zone)).toBe('2027-03-09T15:59:59.999Z');
  });
  test('a window with a time part is exact', () => {
    expect(paymentDeadline('2027-03-01T15:30:00Z', 'PT30S', zone)).toBe('2027-03-01T15:30:30.000Z');
    expect(paymentDeadline('2027-03-01T15:30:00Z', 'P1DT2H', zone)).toBe('2027-03-02T17:30:00.000Z');
  });
  test('a picked date is the end of that day; nonsense is null', () => {
    expect(endOfDay('2027-03-31', zone)).toBe('2027-03-31T15:59:59.999Z');
    expect(endOfDay('2027-02-30', zone)).toBeNull();
    expect(endOfDay('31/03/2027', zone)).toBeNull();
  });
});

test('booking codes are what a franchisee can type into a transfer remark', () => {
  expect(bookingCode(12)).toBe('BK000012');
  expect(bookingCode(1_234_567)).toBe('BK1234567');
});
