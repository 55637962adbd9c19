import { buildChain, defaultChain } from '../domain/chains';

const threshold = 100_000_000;

test('the default chain: superior and manager, plus finance strictly above the threshold', () => {
  const keys = (amountFen?: number | bigint) => buildChain(defaultChain(threshold), { amountFen }).steps.map((s) => s.key);
  expect(keys(0)).toEqual(['supervisor', 'manager']);
  expect(keys(threshold)).toEqual(['supervisor', 'manager']);
  expect(keys(threshold + 1)).toEqual(['supervisor', 'manager', 'finance']);
  expect(keys(9_000_000_000_000_000n)).toEqual(['supervisor', 'manager', 'finance']); // bigint amounts beyond 2^53
  expect(keys(undefined)).toEqual(['supervisor', 'manager']);
});

test('conditions are dropped from the built steps, cc is kept, and an empty chain is refused', () => {
  const chain = buildChain(
    {
      steps: [{ key: 'a', title: { 'zh-CN': '甲', en: 'A' }, assignees: [{ role: 'manager' }], whenAmountFenAbove: 5 }],
      cc: [{ role: 'finance' }],
    },
    { amountFen: 6 },
  );
  expect(chain).toEqual({
    steps: [{ key: 'a', title: { 'zh-CN': '甲', en: 'A' }, assignees: [{ role: 'manager' }] }],
    cc: [{ role: 'finance' }],
  });
  expect(() =>
    buildChain(
      { steps: [{ key: 'a', title: { 'zh-CN': '甲', en: 'A' }, assignees: [{ role: 'manager' }], whenAmountFenAbove: 5 }] },
      { amountFen: 1 },
    ),
  ).toThrow(/at least one step/);
});
