import { Alert, Typography } from '@mui/material';
import { useWatch } from 'react-hook-form';
import { useTranslate } from 'react-admin';
import { validQty } from '../bookings/helpers';
import { LineGridInput, productLineColumns, useLineProducts } from '../common/LineGridInput';
import { useNumber } from './fields';
import type { Product } from './types';

const FormTotal = () => {
  const translate = useTranslate();
  const num = useNumber();
  const lines = (useWatch({ name: 'lines' }) as { qty?: unknown }[] | undefined) ?? [];
  const qty = lines.reduce((n, l) => {
    const q = Number(l?.qty);
    return Number.isInteger(q) && q > 0 ? n + q : n;
  }, 0);
  return (
    <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid="shipment-form-total" data-qty={qty}>
      {translate('app.shipment.form_total', { qty: num(qty) })}
    </Typography>
  );
};

/**
 * The shipment's lines as an inline grid in the form: SKU (the season's products, or all),
 * size (of that product), quantity. The API's 422 details `lines.<i>.<field>` land on the inputs.
 * Cards on phones.
 */
export const LinesInput = () => {
  const translate = useTranslate();
  const season = useWatch({ name: 'season' }) as string | undefined;
  const products = useLineProducts<Product>(season, false);
  const label = (key: string) => translate(`resources.shipments.fields.${key}`);
  return (
    <LineGridInput
      testIdPrefix="shipment"
      columns={productLineColumns(label, products, validQty)}
      newLine={() => ({ sku: null, size: null, qty: null })}
      texts={{ add: 'app.shipment.add_line', remove: 'app.shipment.remove_line', empty: 'app.shipment.no_lines' }}
      notice={
        !products.isPending && !products.list.length ? (
          <Alert severity="warning" sx={{ mb: 1 }}>
            {translate('app.shipment.no_products', { season: season ?? '' })}
          </Alert>
        ) : null
      }
      totals={<FormTotal />}
    />
  );
};

export default LinesInput;
