import { Chalk } from 'chalk';
import type { Palette } from './text.js';

const chalk = new Chalk({ level: 1 });

export const COLOUR: Palette = {
  bold: chalk.bold,
  dim: chalk.dim,
  level: { error: chalk.red.bold, warning: chalk.yellow.bold, note: chalk.cyan },
  summary: { error: chalk.red, warning: chalk.yellow, clean: chalk.green },
};
