// What every area of the API description shares: the error shape and the answers that carry it,
// the list conventions (react-admin simple REST), request bodies, and money and date schemas.

const error = { $ref: '#/components/schemas/Error' };
export const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: error } } });
export const json = (schema: object, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
export const listParams = [
  { name: 'filter', in: 'query', schema: { type: 'string' }, description: 'JSON object of filters' },
  { name: 'range', in: 'query', schema: { type: 'string' }, description: 'JSON [start, end], inclusive' },
  { name: 'sort', in: 'query', schema: { type: 'string' }, description: 'JSON ["field", "ASC"|"DESC"]' },
];
export const idParam = (name: string) => [{ name, in: 'path', required: true, schema: { type: 'string' } }];
export const body = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });
/** The refusals of acting on a task, a process or a record. */
export const refusals = {
  '403': errorResponse('Not yours to act on (forbidden)'),
  '404': errorResponse('Unknown id'),
  '409': errorResponse('task_already_decided, not_open, already_decided or process_finished'),
  '422': errorResponse('validation_failed, with details per field'),
};
/** What any route may answer about the caller. */
export const common = {
  '401': errorResponse('Not logged in or token invalid'),
  '403': errorResponse('Outside the caller’s roles'),
};
/** The refusals of creating, changing or deleting a row of master data (or a user). */
export const masterRefusals = {
  '404': errorResponse('Unknown id'),
  '409': errorResponse('already_exists (create with a taken id) or in_use (delete of a row still referenced; message says by what)'),
  '422': errorResponse('validation_failed, details naming each bad field (also an unknown regionId, franchiseeId, seasonCode …)'),
};
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const fenSchema = { type: 'integer', minimum: 0, description: 'fen (1/100 yuan), a whole number' };
export const dateSchema = { type: 'string', format: 'date', example: '2027-02-01' };

/** Every error answer has this shape (api/errors.ts). */
export const errorSchemas = {
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', example: 'validation_failed' },
          message: { type: 'string' },
          details: { description: 'For 422: an object mapping each bad field to its message' },
        },
      },
    },
  },
} as const;
