// The fields of a figure's CSV: the columns and DuckDB types of its SQL's result, each with a
// description from the notebook. A column the notebook copies from a table names it
// (`column('documents.n_chars')`) and gets the table schema's description, so the two cannot drift;
// a computed column is described in the notebook's own words. Written into the figure's JSON, they
// become the CSV's Table Schema (datapackage.json) and record set (croissant.json).
import { columns } from '../lib/duckdb.js';
import { tableNames } from '../tables.js';

/** A field copied from a table column ('table.column'), with an optional remark on how the figure uses it. */
export interface ColumnRef {
  column: string;
  note?: string;
}

/** How a notebook describes one column of its result: in words, or by the table column it copies. */
export type FieldDescription = string | ColumnRef;

export const column = (ref: string, note?: string): ColumnRef => ({ column: ref, ...(note ? { note } : {}) });

export interface FigureField {
  name: string;
  /** DuckDB's type of the result column, e.g. VARCHAR, INTEGER, DOUBLE, DATE. */
  type: string;
  description: string;
  /** Where the description comes from: the notebook, or the table schema of the column it copies. */
  source: string;
}

/**
 * The fields of a notebook's result, in the result's order. Throws when a column has no description
 * or a description names no column, so a notebook whose SQL changes cannot ship a stale schema.
 */
export function figureFields(
  notebook: { name: string; fields: Readonly<Record<string, FieldDescription>> },
  result: readonly { name: string; type: string }[],
): FigureField[] {
  const file = `notebooks/${notebook.name}.ts`;
  const names = new Set(result.map((c) => c.name));
  const missing = result.filter((c) => !(c.name in notebook.fields)).map((c) => c.name);
  const stale = Object.keys(notebook.fields).filter((n) => !names.has(n));
  if (missing.length || stale.length)
    throw new Error(
      `figure ${notebook.name}: ${missing.length ? `result columns without a description: ${missing.join(', ')}` : ''}${missing.length && stale.length ? '; ' : ''}${stale.length ? `described columns the SQL does not return: ${stale.join(', ')}` : ''}; update fields in ${file}`,
    );
  return result.map(({ name, type }) => {
    const d = notebook.fields[name]!;
    if (typeof d === 'string') return { name, type, description: d, source: file };
    const [table, col] = d.column.split('.');
    const spec = table && col && (tableNames as readonly string[]).includes(table) ? columns(table).find((c) => c.name === col) : undefined;
    if (!spec) throw new Error(`figure ${notebook.name}: field ${name} names ${d.column}, which is no table column; fix it in ${file}`);
    return {
      name,
      type,
      description: d.note ? `${spec.description}; ${d.note}` : spec.description,
      source: `schemas/tables/${table}.schema.json (${d.column})`,
    };
  });
}
