import { Router } from 'express';
import { z } from 'zod';
import { isSettingKey, readSettings, SETTINGS, validateSetting, writeSetting } from '../../lib/settings';
import { currentUser, requireRole } from '../auth';
import type { AppContext } from '../context';
import { ApiError, notFound, parse, validationError } from '../errors';

const PutBody = z.object({ value: z.unknown().refine((v) => v !== undefined, 'required') });

function describe(key: keyof typeof SETTINGS, value: unknown) {
  const def = SETTINGS[key];
  return { id: key, key, value, default: def.default, description: def.description };
}

export function settingsRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/api/settings', async (_req, res) => {
    const values = await readSettings(ctx.db);
    const rows = (Object.keys(SETTINGS) as (keyof typeof SETTINGS)[]).map((k) => describe(k, values[k]));
    res.setHeader('Content-Range', `settings 0-${rows.length - 1}/${rows.length}`);
    res.json(rows);
  });

  router.get('/api/settings/:key', async (req, res) => {
    const key = String(req.params.key);
    if (!isSettingKey(key)) throw notFound(`Setting ${key}`);
    res.json(describe(key, (await readSettings(ctx.db))[key]));
  });

  router.put('/api/settings/:key', requireRole('admin'), async (req, res) => {
    const key = String(req.params.key);
    if (!isSettingKey(key)) throw notFound(`Setting ${key}`);
    const { value } = parse(PutBody, req.body);
    const checked = validateSetting(key, value);
    if (!checked.success) {
      const err = validationError(checked.error);
      throw new ApiError(422, 'validation_failed', `Invalid value for ${key}`, { value: Object.values(err.details as object)[0] });
    }
    await writeSetting(ctx.db, key, checked.data, currentUser(req).id);
    res.json(describe(key, checked.data));
  });

  return router;
}
