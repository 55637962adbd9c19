import { Alert, Box, Stack, Typography } from '@mui/material';
import { useWatch } from 'react-hook-form';
import { useGetOne, useTranslate } from 'react-admin';
import { useFormatters } from '../common';
import { LineGridInput, productLineColumns, useLineProducts } from '../common/LineGridInput';
import { useNumber, formatBp } from './fields';
import { prepaymentOf, validQty, type LineFormValue } from './helpers';
import { DEFAULT_PREPAYMENT_BP, type Franchisee, type Product } from './types';

type Products = Map<string, Product>;

/** The amount of a line as typed: qty × the product's wholesale price (integers), or undefined. */
const lineAmount = (line: LineFormValue | undefined, products: Products): number | undefined => {
  const product = line?.sku ? products.get(line.sku) : undefined;
  const qty = Number(line?.qty);
  if (!product || !Number.isInteger(qty) || qty <= 0) return undefined;
  return qty * product.wholesalePriceFen;
};

/** Unit price and line amount, live from the product's wholesale price. */
const AmountCell = ({ index, products }: { index: number; products: Products }) => {
  const f = useFormatters();
  const line = useWatch({ name: `lines.${index}` }) as LineFormValue | undefined;
  const amount = lineAmount(line, products);
  return (
    <Typography variant="body2" sx={{ whiteSpace: 'nowrap', pt: 1 }} data-testid="booking-line-amount">
      {amount === undefined ? '—' : f.money(amount)}
    </Typography>
  );
};

const PriceCell = ({ index, products }: { index: number; products: Products }) => {
  const f = useFormatters();
  const sku = useWatch({ name: `lines.${index}.sku` }) as string | null | undefined;
  const product = sku ? products.get(sku) : undefined;
  return (
    <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap', pt: 1 }}>
      {product ? f.money(product.wholesalePriceFen) : '—'}
    </Typography>
  );
};

/** Total quantity and amount as typed, and the prepayment estimated at the franchisee's share (30% by default). */
const FormTotals = ({ products }: { products: Products }) => {
  const translate = useTranslate();
  const f = useFormatters();
  const num = useNumber();
  const lines = (useWatch({ name: 'lines' }) as LineFormValue[] | undefined) ?? [];
  const franchiseeId = useWatch({ name: 'franchiseeId' }) as string | undefined;
  const { data: franchisee } = useGetOne<Franchisee>('franchisees', { id: franchiseeId ?? '' }, { enabled: !!franchiseeId });
  const share = (franchisee?.id === franchiseeId ? franchisee?.prepaymentShareBp : null) ?? DEFAULT_PREPAYMENT_BP;
  let qty = 0;
  let fen = 0;
  for (const l of lines) {
    const q = Number(l?.qty);
    if (Number.isInteger(q) && q > 0) qty += q;
    fen += lineAmount(l, products) ?? 0;
  }
  return (
    <Stack sx={{ alignItems: { sm: 'flex-end' } }} data-testid="booking-form-totals" data-amount-fen={fen} data-qty={qty}>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {translate('app.booking.form_totals', { qty: num(qty), amount: f.money(fen) })}
      </Typography>
      <Typography
        variant="body2"
        color="text.secondary"
        data-testid="booking-form-prepayment"
        data-prepayment-fen={prepaymentOf(fen, share)}
      >
        {translate('app.booking.prepayment_estimate', { share: formatBp(share, f.locale), amount: f.money(prepaymentOf(fen, share)) })}
      </Typography>
    </Stack>
  );
};

/**
 * The booking's lines as an inline grid in the form: SKU (the season's products), size (of that
 * product), quantity; unit price and line amount live. The API's 422 details `lines.<i>.<field>`
 * land on the inputs. Cards on phones.
 */
export const LinesInput = ({ lineErrors = {} }: { lineErrors?: Record<number, string> }) => {
  const translate = useTranslate();
  const season = useWatch({ name: 'season' }) as string | undefined;
  const products = useLineProducts<Product>(season, true);
  const label = (key: string) => translate(`resources.bookings.fields.${key}`);
  return (
    <LineGridInput
      testIdPrefix="booking"
      columns={[
        ...productLineColumns(label, products, validQty),
        {
          key: 'unitPriceFen',
          label: label('unitPriceFen'),
          align: 'right',
          card: 'none',
          render: (i) => <PriceCell index={i} products={products.bySku} />,
        },
        {
          key: 'lineAmountFen',
          label: label('lineAmountFen'),
          align: 'right',
          card: 'none',
          render: (i) => <AmountCell index={i} products={products.bySku} />,
        },
      ]}
      newLine={() => ({ sku: null, size: null, qty: null })}
      texts={{ add: 'app.booking.add_line', remove: 'app.booking.remove_line', empty: 'app.booking.no_lines' }}
      lineErrors={lineErrors}
      notice={
        !season ? (
          <Alert severity="info" sx={{ mb: 1 }}>
            {translate('app.booking.pick_season_first')}
          </Alert>
        ) : !products.isPending && !products.list.length ? (
          <Alert severity="warning" sx={{ mb: 1 }}>
            {translate('app.booking.no_products', { season })}
          </Alert>
        ) : null
      }
      cardFooter={(index) => (
        <Box sx={{ gridColumn: '1 / -1', display: 'flex', justifyContent: 'space-between' }}>
          <PriceCell index={index} products={products.bySku} />
          <AmountCell index={index} products={products.bySku} />
        </Box>
      )}
      totals={<FormTotals products={products.bySku} />}
    />
  );
};

export default LinesInput;
