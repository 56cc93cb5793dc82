/**
 * The `imd` subcommands, one line each: adding a command is one file in this folder plus one
 * line here. Every export must be a Command (cli/command.ts); `imd --help` lists them by name.
 */
export { decode } from './decode';
export { simulate } from './simulate';
export { poll } from './poll';
export { scan } from './scan';
export { lon } from './lon';
export { modbus } from './modbus';
export { modbusServe } from './modbus-serve';
export { stats } from './stats';
export { registry } from './registry';
export { store } from './store';
export { validateCommand } from './validate';
export { review } from './review';
export { rules } from './rules';
export { bill } from './bill';
export { tariff } from './tariff';
export { tenancy } from './tenancy';
