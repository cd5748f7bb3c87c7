// Subcommands beyond linting definitions, registered with the CLI.
import { registerSubcommand } from "./cli.js";

void registerSubcommand;
