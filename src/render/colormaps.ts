/** The viewer's colour maps live in core (src/core/colormaps.ts) so the report's map colours satellites the same way. */
export * from '../core/colormaps';
