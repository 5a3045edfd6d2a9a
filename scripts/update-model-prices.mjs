#!/usr/bin/env node
// Regenerates the model price table bundled in cascade-spring-boot-autoconfigure from the npm
// package @pydantic/genai-prices (maintained by Pydantic, MIT licensed).
//
//   node scripts/update-model-prices.mjs            # newest published version
//   node scripts/update-model-prices.mjs 0.1.8      # a given version
//
// The package is installed into a temporary directory (nothing is added to the repository), read
// through its public API (findProvider, calcPrice) and written as a tab-separated file; see
// docs/model-prices.md for the format and the choices made here.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PACKAGE = '@pydantic/genai-prices';

// First-party providers, in priority order: a model name claimed by an earlier provider is not
// taken again by a later one (Google also lists Claude models, as sold on Vertex AI).
const PROVIDERS = ['anthropic', 'openai', 'google', 'mistral', 'deepseek', 'x-ai', 'cohere'];

const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'cascade-core', 'src',
  'main', 'resources', 'com', 'runcascade', 'tracing', 'llm', 'model-prices.tsv');

const version = process.argv[2] ?? 'latest';
const workDir = mkdtempSync(join(tmpdir(), 'genai-prices-'));
try {
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', workDir,
    `${PACKAGE}@${version}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  const packageDir = join(workDir, 'node_modules', ...PACKAGE.split('/'));
  const installed = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
  const prices = await import(pathToFileURL(join(packageDir, 'dist', 'index.js')).href);
  const table = buildTable(prices, new Date());
  writeFileSync(OUTPUT, render(table, installed));
  console.log(`Wrote ${table.length} models from ${PACKAGE} ${installed} to ${OUTPUT}`);
  reportDifferences(table, prices);
}
finally {
  rmSync(workDir, { recursive: true, force: true });
}

/** One row per model: its prices and the names (exact, or prefixes ending with *) it answers to. */
function buildTable(prices, now) {
  const table = [];
  const skipped = { noTokenPrice: [], complexMatch: 0, claimed: [] };
  for (const providerId of PROVIDERS) {
    const provider = prices.findProvider({ providerId });
    if (!provider) {
      throw new Error(`${PACKAGE} has no provider ${providerId}`);
    }
    for (const model of provider.models) {
      const price = currentPrice(model, now);
      if (typeof price.input_mtok !== 'number' && typeof price.input_mtok?.base !== 'number') {
        skipped.noTokenPrice.push(`${providerId}/${model.id}`);
        continue;
      }
      const names = [];
      for (const name of [model.id.toLowerCase(), ...simpleNames(model.match, skipped)]) {
        if (names.includes(name)) {
          continue;
        }
        const owner = resolve(table, name.endsWith('*') ? name.slice(0, -1) : name);
        if (owner && owner.provider !== providerId) {
          skipped.claimed.push(`${providerId}/${name} (${owner.provider}/${owner.id})`);
          continue;
        }
        if (owner && owner.names.includes(name)) {
          continue; // same provider lists the name twice: the first model keeps it, as in genai-prices
        }
        names.push(name);
      }
      if (!names.includes(model.id.toLowerCase())) {
        continue; // another vendor's model under its own id
      }
      for (const name of names) {
        if (/[\t,\s]/.test(name) || (name.indexOf('*') !== -1 && name.indexOf('*') !== name.length - 1)) {
          throw new Error(`Unexpected character in model name '${name}'`);
        }
      }
      table.push({
        provider: providerId,
        id: model.id.toLowerCase(),
        input: number(price.input_mtok),
        output: number(price.output_mtok) ?? 0,
        cacheRead: number(price.cache_read_mtok),
        cacheWrite: number(price.cache_write_mtok),
        names: names.slice(1),
      });
    }
  }
  console.log(`Left out ${skipped.noTokenPrice.length} models without a text token price, `
    + `${skipped.complexMatch} match rules that are not plain names or prefixes (contains, ends_with, regex, and), `
    + `${skipped.claimed.length} names already taken by an earlier provider:`);
  skipped.claimed.forEach((line) => console.log(`  ${line}`));
  return table;
}

/**
 * The prices in force: price changes announced with a start date are applied as of today; when the
 * price depends on the time of day (DeepSeek's off-peak discount), the one in force for most of the
 * day is kept.
 */
function currentPrice(model, now) {
  if (!Array.isArray(model.prices)) {
    return model.prices;
  }
  const minutes = new Map();
  for (let minute = 0; minute < 24 * 60; minute += 1) {
    const prices = priceAt(model.prices, now, minute);
    minutes.set(prices, (minutes.get(prices) ?? 0) + 1);
  }
  return [...minutes.entries()].sort((a, b) => b[1] - a[1])[0][0];
}

/** As genai-prices does: the last variant whose constraint holds, else the first. */
function priceAt(variants, now, minuteOfDay) {
  for (let i = variants.length - 1; i >= 0; i -= 1) {
    const constraint = variants[i].constraint;
    if (constraint === undefined) {
      return variants[i].prices;
    }
    if (constraint.type === 'start_date') {
      if (now >= new Date(constraint.start_date)) {
        return variants[i].prices;
      }
    }
    else if (constraint.type === 'time_of_date') {
      const start = minuteOf(constraint.start_time);
      const end = minuteOf(constraint.end_time);
      const inside = (end < start) ? (minuteOfDay >= start || minuteOfDay < end)
        : (minuteOfDay >= start && minuteOfDay < end);
      if (inside) {
        return variants[i].prices;
      }
    }
    else {
      throw new Error(`Unknown price constraint ${JSON.stringify(constraint)}`);
    }
  }
  return variants[0].prices;
}

function minuteOf(time) {
  const [hours, minutes] = time.split(':');
  return Number(hours) * 60 + Number(minutes);
}

/** Long-context tiers are not applied: the base price is kept. */
function number(price) {
  if (price === undefined) {
    return undefined;
  }
  return (typeof price === 'number') ? price : price.base;
}

/** Names from equals (exact) and starts_with (prefix, marked with *) rules, alone or in an "or". */
function simpleNames(match, skipped) {
  if ('or' in match) {
    return match.or.flatMap((each) => simpleNames(each, skipped));
  }
  if ('equals' in match) {
    return [match.equals.toLowerCase()];
  }
  if ('starts_with' in match) {
    return [`${match.starts_with.toLowerCase()}*`];
  }
  skipped.complexMatch += 1;
  return [];
}

/**
 * The model a name resolves to with the table built so far, by the rules PriceTable applies (see
 * ModelNames.java): for each candidate name, an exact name first, then the longest prefix.
 */
function resolve(table, name) {
  for (const candidate of candidates(name)) {
    const exact = table.find((row) => row.id === candidate || row.names.includes(candidate));
    if (exact) {
      return exact;
    }
    let best;
    let bestLength = -1;
    for (const row of table) {
      for (const each of row.names) {
        if (each.endsWith('*') && candidate.startsWith(each.slice(0, -1)) && each.length > bestLength) {
          best = row;
          bestLength = each.length;
        }
      }
    }
    if (best) {
      return best;
    }
  }
  return undefined;
}

/** Mirrors ModelNames.candidates. */
function candidates(model) {
  const name = model.trim().toLowerCase();
  const bases = [name];
  const slash = name.lastIndexOf('/');
  if (slash >= 0 && slash < name.length - 1) {
    bases.push(name.slice(slash + 1));
  }
  const result = [];
  for (const base of bases) {
    let candidate = base;
    add(result, candidate);
    const at = candidate.indexOf('@');
    if (at > 0) {
      candidate = candidate.slice(0, at);
      add(result, candidate);
    }
    for (const suffix of [/-latest$/, /-20\d{6}$/, /-20\d{2}-\d{2}-\d{2}$/, /-0\d{2}$/]) {
      const stripped = candidate.replace(suffix, '');
      if (stripped !== candidate && stripped.length > 0) {
        candidate = stripped;
        add(result, candidate);
      }
    }
  }
  return result;
}

function add(list, value) {
  if (!list.includes(value)) {
    list.push(value);
  }
}

function render(table, installed) {
  const cell = (value) => (value === undefined) ? '' : String(value);
  const lines = [
    '# Model prices for Cascade\'s PriceTable, in USD per million tokens. Generated: do not edit.',
    `# source: ${PACKAGE} ${installed}`,
    `# generated: ${new Date().toISOString().slice(0, 10)}`,
    '# refresh: node scripts/update-model-prices.mjs (see docs/model-prices.md)',
    '# Columns, tab-separated: provider, model, input, output, cache-read, cache-write, other names.',
    '# An empty cache price means the provider lists none: cached tokens cost the input price.',
    '# Other names are comma-separated; a name ending with * stands for every name starting with it.',
  ];
  for (const row of table) {
    lines.push([row.provider, row.id, cell(row.input), cell(row.output), cell(row.cacheRead), cell(row.cacheWrite),
      row.names.join(',')].join('\t'));
  }
  return lines.join('\n') + '\n';
}

/**
 * Compares, for every name in the table and a dated form of it, the model our rules pick with the
 * one genai-prices itself picks, and prints the differences for review.
 */
function reportDifferences(table, prices) {
  const differences = [];
  for (const row of table) {
    for (const name of [row.id, ...row.names]) {
      const plain = name.endsWith('*') ? name.slice(0, -1) : name;
      for (const probe of new Set([plain, `${plain}-20250101`])) {
        const ours = resolve(table, probe);
        const theirs = prices.calcPrice({ input_tokens: 1_000_000, output_tokens: 1_000_000 }, probe,
          { providerId: row.provider });
        const theirId = theirs?.model?.id?.toLowerCase();
        if (ours && theirId && ours.id !== theirId) {
          differences.push(`${probe}: ${ours.provider}/${ours.id} here, ${theirs.provider.id}/${theirId} in genai-prices`);
        }
      }
    }
  }
  if (differences.length > 0) {
    console.log(`${differences.length} names resolve to another model than in genai-prices (review):`);
    differences.forEach((line) => console.log(`  ${line}`));
  }
}
