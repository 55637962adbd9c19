// Every Update and Query the workflows answer, one file per process plus the engine's shared
// ones. Only definitions live here (no workflow code), so the API and tests import them without
// pulling in the workflows. The message names (the strings) are in run histories: never rename.
export * from './engine';
export * from './orderBooking';
export * from './shipmentTracking';
export * from './priceAdjustment';
export * from './calendar';
