import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import ScheduleIcon from '@mui/icons-material/Schedule';
import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Collapse,
  IconButton,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
  useMediaQuery,
  type Theme,
} from '@mui/material';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Fragment, useMemo, useState } from 'react';
import { LinkBase, Title, useDataProvider, useGetIdentity, useGetList, usePermissions, useTranslate } from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import { apiErrorInfo, useFormatters } from '../common';
import { zonedToIso } from '../shipments/helpers';
import { changeBp, getPrices } from './api';
import { ChangeText, PriceStatusChip } from './fields';
import { isBrandStaff, PENDING_PRICE_STATUSES, type PriceAdjustment, type StorePrice } from './types';

/** One line of a SKU and store's price history: a change in effect (or due), or an adjustment not yet in effect. */
interface HistoryItem {
  key: string;
  priceFen: number;
  previousFen: number | null;
  effectiveAt: string;
  code: string | null;
  adjustmentId?: string;
  note?: string | null;
  kind?: string;
  /** A clearance's end (exclusive). */
  endsAt?: string | null;
  /** In the history but not yet in effect (effectiveAt after now). */
  pending: boolean;
  /** An adjustment still waiting for approval or for its date (not in the history yet). */
  status?: string;
}

/** The last day of a period that ends (exclusively) at `endsAt`. */
const lastDay = (endsAt: string) => new Date(Date.parse(endsAt) - 1).toISOString();

const codeLink = (code: string) => `/price-adjustments?${new URLSearchParams({ filter: JSON.stringify({ q: code }) })}`;

interface Option {
  id: string;
  label: string;
}

/**
 * The filter options: staff read products and stores; a store manager the SKUs of their own
 * store's prices (GET /api/prices answers only their store).
 */
const useOptions = (staff: boolean) => {
  const { data: products = [] } = useGetList<{ id: string; name?: string }>(
    'products',
    { pagination: { page: 1, perPage: 1000 }, sort: { field: 'sku', order: 'ASC' } },
    { enabled: staff, staleTime: 5 * 60_000 },
  );
  const { data: stores = [] } = useGetList<{ id: string; name?: string }>(
    'stores',
    { pagination: { page: 1, perPage: 500 }, sort: { field: 'id', order: 'ASC' } },
    { enabled: staff, staleTime: 5 * 60_000 },
  );
  const { data: own = [] } = useQuery({ queryKey: ['prices', 'own'], queryFn: () => getPrices(), enabled: !staff, staleTime: 60_000 });
  return useMemo(() => {
    if (staff) {
      return {
        skus: products.map((p) => ({ id: String(p.id), label: `${p.id} ${p.name ?? ''}`.trim() })),
        stores: stores.map((s) => ({ id: String(s.id), label: `${s.name ?? ''} (${s.id})` })),
      };
    }
    const skus = new Map<string, Option>();
    const storeOptions = new Map<string, Option>();
    for (const r of own) {
      skus.set(r.sku, { id: r.sku, label: `${r.sku} ${r.productName}` });
      storeOptions.set(r.storeId, { id: r.storeId, label: `${r.storeName} (${r.storeId})` });
    }
    return { skus: [...skus.values()], stores: [...storeOptions.values()] };
  }, [staff, products, stores, own]);
};

/** Adjustments not yet in effect (awaiting approval, or approved and waiting for their date), with their lines. */
const useUpcoming = (sku: string, storeId: string) => {
  const dataProvider = useDataProvider();
  const { data: list = [] } = useGetList<PriceAdjustment>(
    'price-adjustments',
    {
      filter: { status: [...PENDING_PRICE_STATUSES], ...(sku ? { sku } : {}), ...(storeId ? { storeId } : {}) },
      pagination: { page: 1, perPage: 50 },
      sort: { field: 'createdAt', order: 'DESC' },
    },
    { refetchInterval: 15_000 },
  );
  const details = useQueries({
    queries: list.map((a) => ({
      queryKey: ['price-adjustments', 'getOne', { id: String(a.id) }, a.status],
      queryFn: async () => (await dataProvider.getOne<PriceAdjustment>('price-adjustments', { id: a.id })).data,
      staleTime: 10_000,
    })),
  });
  return details.flatMap((q) => (q.data ? [q.data] : []));
};

const HistoryTable = ({ items, small }: { items: HistoryItem[]; small: boolean }) => {
  const translate = useTranslate();
  const f = useFormatters();
  const label = (k: string) => translate(`app.price.prices.${k}`);
  const source = (h: HistoryItem) =>
    h.code ? (
      <LinkBase
        to={h.adjustmentId ? `/price-adjustments/${encodeURIComponent(h.adjustmentId)}/show` : codeLink(h.code)}
        data-testid="price-history-code"
      >
        {h.code}
      </LinkBase>
    ) : h.kind === 'clearance_end' ? (
      translate('app.price.prices.clearance_end', { note: h.note ?? '' })
    ) : h.kind === 'clearance' && h.endsAt ? (
      translate('app.price.prices.clearance_until', { note: h.note ?? '', to: f.date(lastDay(h.endsAt)) })
    ) : (
      (h.note ?? translate('app.price.prices.no_source'))
    );
  const state = (h: HistoryItem) =>
    h.status ? (
      <PriceStatusChip status={h.status} />
    ) : h.pending ? (
      <Chip size="small" color="warning" icon={<ScheduleIcon />} label={label('pending')} data-testid="price-history-pending" />
    ) : (
      <Chip size="small" variant="outlined" color="success" label={label('in_effect')} />
    );
  if (!items.length) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ py: 1 }} data-testid="price-history-empty">
        {label('no_history')}
      </Typography>
    );
  }
  if (small) {
    return (
      <Stack divider={<Box sx={{ borderTop: 1, borderColor: 'divider' }} />} data-testid="price-history">
        {items.map((h) => (
          <Box
            key={h.key}
            sx={{ py: 0.75 }}
            data-testid="price-history-row"
            data-code={h.code ?? ''}
            data-pending={h.pending || !!h.status ? 'true' : 'false'}
            data-price={h.priceFen}
          >
            <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {f.money(h.priceFen)}
              </Typography>
              <ChangeText bp={changeBp(h.previousFen, h.priceFen)} />
              <Box sx={{ flex: 1 }} />
              {state(h)}
            </Stack>
            <Typography variant="caption" color="text.secondary" component="div">
              {f.dateTime(h.effectiveAt)} · {source(h)}
            </Typography>
          </Box>
        ))}
      </Stack>
    );
  }
  return (
    <Table size="small" data-testid="price-history">
      <TableHead>
        <TableRow>
          <TableCell>{label('effective_at')}</TableCell>
          <TableCell align="right">{label('price')}</TableCell>
          <TableCell align="right">{label('previous')}</TableCell>
          <TableCell align="right">{label('change')}</TableCell>
          <TableCell>{label('source')}</TableCell>
          <TableCell>{label('state')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map((h) => (
          <TableRow
            key={h.key}
            data-testid="price-history-row"
            data-code={h.code ?? ''}
            data-pending={h.pending || !!h.status ? 'true' : 'false'}
            data-price={h.priceFen}
          >
            <TableCell sx={{ whiteSpace: 'nowrap' }} data-field="effectiveAt">
              {f.dateTime(h.effectiveAt)}
            </TableCell>
            <TableCell align="right" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }} data-field="priceFen">
              {f.money(h.priceFen)}
            </TableCell>
            <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
              {h.previousFen !== null ? f.money(h.previousFen) : '—'}
            </TableCell>
            <TableCell align="right">
              <ChangeText bp={changeBp(h.previousFen, h.priceFen)} />
            </TableCell>
            <TableCell data-field="source">{source(h)}</TableCell>
            <TableCell>{state(h)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/** A SKU at a store: the price now and since when, with its history (newest first) and what is coming. */
const PriceRow = ({
  row,
  items,
  open,
  onToggle,
  small,
}: {
  row: StorePrice;
  items: HistoryItem[];
  open: boolean;
  onToggle: () => void;
  small: boolean;
}) => {
  const translate = useTranslate();
  const f = useFormatters();
  const upcoming = items.filter((h) => h.pending || h.status).length;
  const attrs = {
    'data-testid': 'price-store-row',
    'data-sku': row.sku,
    'data-store': row.storeId,
    'data-current': row.currentPriceFen,
    'data-upcoming': upcoming,
  };
  const toggle = (
    <IconButton
      size="small"
      onClick={onToggle}
      aria-label={translate(open ? 'app.price.prices.collapse' : 'app.price.prices.expand')}
      data-testid="price-row-toggle"
    >
      {open ? <ExpandLessIcon fontSize="small" /> : <ExpandMoreIcon fontSize="small" />}
    </IconButton>
  );
  const badges = (
    <Stack direction="row" sx={{ gap: 0.5, flexWrap: 'wrap' }}>
      {row.clearance ? (
        <Chip
          size="small"
          color="info"
          label={translate('app.price.prices.clearance_running', {
            to: f.date(lastDay(row.clearance.endsAt)),
            regular: f.money(row.regularPriceFen ?? row.currentPriceFen),
          })}
          data-testid="price-clearance"
          data-ends-at={row.clearance.endsAt}
        />
      ) : null}
      {upcoming ? (
        <Chip
          size="small"
          color="warning"
          icon={<ScheduleIcon />}
          label={translate('app.price.prices.upcoming', { smart_count: upcoming })}
        />
      ) : null}
      <Chip size="small" variant="outlined" label={translate('app.price.prices.changes', { smart_count: items.length - upcoming })} />
    </Stack>
  );
  if (small) {
    return (
      <Card variant="outlined" {...attrs}>
        <CardContent sx={{ '&:last-child': { pb: 1.5 } }}>
          <Stack direction="row" sx={{ alignItems: 'flex-start', gap: 1 }}>
            <Box sx={{ flex: 1, minWidth: 0 }}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {row.sku} · {row.productName}
              </Typography>
              <Typography variant="caption" color="text.secondary" component="div">
                {row.storeName}
              </Typography>
            </Box>
            <Box sx={{ textAlign: 'right' }}>
              <Typography variant="subtitle1" sx={{ fontWeight: 600 }} data-field="currentPriceFen">
                {f.money(row.currentPriceFen)}
              </Typography>
              <Typography variant="caption" color="text.secondary">
                {row.since ? translate('app.price.prices.since', { at: f.date(row.since) }) : translate('app.price.prices.retail')}
              </Typography>
            </Box>
            {toggle}
          </Stack>
          {badges}
          <Collapse in={open} unmountOnExit>
            <HistoryTable items={items} small />
          </Collapse>
        </CardContent>
      </Card>
    );
  }
  return (
    <Fragment>
      <TableRow {...attrs} sx={{ '& > td': { borderBottom: open ? 'none' : undefined } }}>
        <TableCell sx={{ width: 40, px: 0.5 }}>{toggle}</TableCell>
        <TableCell sx={{ whiteSpace: 'nowrap', fontWeight: 600 }}>{row.sku}</TableCell>
        <TableCell>{row.productName}</TableCell>
        <TableCell>{row.storeName}</TableCell>
        <TableCell align="right" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }} data-field="currentPriceFen">
          {f.money(row.currentPriceFen)}
        </TableCell>
        <TableCell sx={{ whiteSpace: 'nowrap' }} data-field="since">
          {row.since ? f.dateTime(row.since) : translate('app.price.prices.retail')}
        </TableCell>
        <TableCell>{badges}</TableCell>
      </TableRow>
      <TableRow>
        <TableCell colSpan={7} sx={{ py: 0, ...(open ? {} : { borderBottom: 'none' }) }}>
          <Collapse in={open} unmountOnExit>
            <Box sx={{ pl: 5, pb: 2 }}>
              <HistoryTable items={items} small={false} />
            </Box>
          </Collapse>
        </TableCell>
      </TableRow>
    </Fragment>
  );
};

const PAGE = 50;

/**
 * 价格查询: the price in effect per SKU and store (else the retail price) with its history —
 * adjustments (PA…) and clearances (清货 RT…) — and the adjustments still to come (awaiting
 * approval, or approved and waiting for their effective date). Filters by SKU and store; a store
 * manager sees their own store.
 */
export const PricesPage = () => {
  const translate = useTranslate();
  const f = useFormatters();
  const { permissions } = usePermissions();
  const { identity } = useGetIdentity();
  const staff = isBrandStaff(permissions);
  const small = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const [params, setParams] = useSearchParams();
  const sku = params.get('sku') ?? '';
  const storeId = staff ? (params.get('storeId') ?? '') : String((identity as { storeId?: string } | undefined)?.storeId ?? '');
  const options = useOptions(staff);
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});
  const [shown, setShown] = useState(PAGE);
  const {
    data: rows = [],
    isPending,
    error,
  } = useQuery({
    queryKey: ['prices', sku, staff ? storeId : ''],
    queryFn: () => getPrices(sku || undefined, (staff && storeId) || undefined),
    refetchInterval: 15_000,
  });
  const upcoming = useUpcoming(sku, storeId);
  const itemsOf = (row: StorePrice): HistoryItem[] => {
    const coming: HistoryItem[] = upcoming
      .filter((a) => a.storeIds.includes(row.storeId) && (a.lines ?? []).some((l) => l.sku === row.sku))
      .map((a) => {
        const line = (a.lines ?? []).find((l) => l.sku === row.sku)!;
        return {
          key: `a:${a.id}`,
          priceFen: line.newPriceFen,
          previousFen: row.currentPriceFen,
          effectiveAt: zonedToIso(`${a.effectiveDate}T00:00`, f.tz) ?? a.effectiveDate,
          code: a.code,
          adjustmentId: String(a.id),
          pending: true,
          status: a.status,
        };
      });
    const history: HistoryItem[] = row.history.map((h, i) => ({
      key: `h:${i}:${h.effectiveAt}`,
      priceFen: h.priceFen,
      previousFen: h.previousFen,
      effectiveAt: h.effectiveAt,
      code: h.adjustmentCode,
      note: h.note,
      kind: h.kind,
      endsAt: h.endsAt,
      pending: h.pending,
    }));
    return [...coming, ...history].sort((a, b) => Date.parse(b.effectiveAt) - Date.parse(a.effectiveAt));
  };
  const setFilter = (key: 'sku' | 'storeId', value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    setShown(PAGE);
  };
  const isOpen = (row: StorePrice) => expanded[`${row.sku}|${row.storeId}`] ?? (rows.length <= 6 || !!sku);
  const toggle = (row: StorePrice) => setExpanded((e) => ({ ...e, [`${row.sku}|${row.storeId}`]: !isOpen(row) }));
  const visible = rows.slice(0, shown);
  const skuValue = options.skus.find((o) => o.id === sku) ?? (sku ? { id: sku, label: sku } : null);
  const storeValue = options.stores.find((o) => o.id === storeId) ?? (storeId ? { id: storeId, label: storeId } : null);
  return (
    <Box sx={{ mt: 1 }} data-testid="prices-page" data-sku={sku} data-store={storeId}>
      <Title title="app.price.prices.title" />
      <Card sx={{ mb: 2 }}>
        <CardContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {translate('app.price.prices.help')}
          </Typography>
          <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 2 }}>
            <Autocomplete
              options={options.skus}
              value={skuValue}
              onChange={(_e, v) => setFilter('sku', v?.id ?? null)}
              getOptionLabel={(o) => o.label}
              isOptionEqualToValue={(a, b) => a.id === b.id}
              sx={{ minWidth: 280, flex: 1 }}
              renderInput={(p) => (
                <TextField
                  {...p}
                  label={translate('app.price.prices.sku')}
                  slotProps={{ ...p.slotProps, htmlInput: { ...p.slotProps.htmlInput, 'data-testid': 'prices-sku' } }}
                />
              )}
            />
            <Autocomplete
              options={options.stores}
              value={storeValue}
              disabled={!staff}
              onChange={(_e, v) => setFilter('storeId', v?.id ?? null)}
              getOptionLabel={(o) => o.label}
              isOptionEqualToValue={(a, b) => a.id === b.id}
              sx={{ minWidth: 240, flex: 1 }}
              renderInput={(p) => (
                <TextField
                  {...p}
                  label={translate('app.price.prices.store')}
                  helperText={staff ? undefined : translate('app.price.prices.own_store')}
                  slotProps={{ ...p.slotProps, htmlInput: { ...p.slotProps.htmlInput, 'data-testid': 'prices-store' } }}
                />
              )}
            />
          </Stack>
        </CardContent>
      </Card>
      {isPending ? <LinearProgress /> : null}
      {error ? <Alert severity="error">{apiErrorInfo(error).message}</Alert> : null}
      {!isPending && !error && !rows.length ? (
        <Alert severity="info" data-testid="prices-empty">
          {translate('app.price.prices.empty')}
        </Alert>
      ) : null}
      {rows.length ? (
        small ? (
          <Stack spacing={1} data-testid="prices-table">
            {visible.map((row) => (
              <PriceRow
                key={`${row.sku}|${row.storeId}`}
                row={row}
                items={itemsOf(row)}
                open={isOpen(row)}
                onToggle={() => toggle(row)}
                small
              />
            ))}
          </Stack>
        ) : (
          <Card>
            <Box sx={{ overflowX: 'auto' }}>
              <Table size="small" data-testid="prices-table">
                <TableHead>
                  <TableRow>
                    <TableCell />
                    <TableCell>{translate('app.price.prices.sku_col')}</TableCell>
                    <TableCell>{translate('app.price.prices.product')}</TableCell>
                    <TableCell>{translate('app.price.prices.store')}</TableCell>
                    <TableCell align="right">{translate('app.price.prices.current')}</TableCell>
                    <TableCell>{translate('app.price.prices.since_col')}</TableCell>
                    <TableCell>{translate('app.price.prices.history')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {visible.map((row) => (
                    <PriceRow
                      key={`${row.sku}|${row.storeId}`}
                      row={row}
                      items={itemsOf(row)}
                      open={isOpen(row)}
                      onToggle={() => toggle(row)}
                      small={false}
                    />
                  ))}
                </TableBody>
              </Table>
            </Box>
          </Card>
        )
      ) : null}
      {rows.length > shown ? (
        <Stack direction="row" sx={{ justifyContent: 'center', mt: 1 }}>
          <Button size="small" onClick={() => setShown((n) => n + PAGE)}>
            {translate('app.price.prices.more', { smart_count: rows.length - shown })}
          </Button>
        </Stack>
      ) : null}
    </Box>
  );
};

export default PricesPage;
