import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  parseJudgment
} from "./chunk-3X7PDRD5.js";
import {
  withRetries
} from "./chunk-WMZLU4BU.js";
import {
  sleep
} from "./chunk-DDVRK4SU.js";
import {
  pRetry
} from "./chunk-YNPOA2B2.js";
import {
  GitcanaryError
} from "./chunk-ASCNN4HU.js";
import {
  maskSecrets,
  registerSecret,
  registerUrlCredentials
} from "./chunk-K7FAASV6.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-ZXCS2I6Q.js";

// node_modules/picocolors/picocolors.js
var require_picocolors = __commonJS({
  "node_modules/picocolors/picocolors.js"(exports, module) {
    var p = process || {};
    var argv = p.argv || [];
    var env = p.env || {};
    var isColorSupported = !(!!env.NO_COLOR || argv.includes("--no-color")) && (!!env.FORCE_COLOR || argv.includes("--color") || p.platform === "win32" || (p.stdout || {}).isTTY && env.TERM !== "dumb" || !!env.CI);
    var formatter = (open, close, replace = open) => (input) => {
      let string = "" + input, index = string.indexOf(close, open.length);
      return ~index ? open + replaceClose(string, close, replace, index) + close : open + string + close;
    };
    var replaceClose = (string, close, replace, index) => {
      let result = "", cursor = 0;
      do {
        result += string.substring(cursor, index) + replace;
        cursor = index + close.length;
        index = string.indexOf(close, cursor);
      } while (~index);
      return result + string.substring(cursor);
    };
    var createColors = (enabled = isColorSupported) => {
      let f = enabled ? formatter : () => String;
      return {
        isColorSupported: enabled,
        reset: f("\x1B[0m", "\x1B[0m"),
        bold: f("\x1B[1m", "\x1B[22m", "\x1B[22m\x1B[1m"),
        dim: f("\x1B[2m", "\x1B[22m", "\x1B[22m\x1B[2m"),
        italic: f("\x1B[3m", "\x1B[23m"),
        underline: f("\x1B[4m", "\x1B[24m"),
        inverse: f("\x1B[7m", "\x1B[27m"),
        hidden: f("\x1B[8m", "\x1B[28m"),
        strikethrough: f("\x1B[9m", "\x1B[29m"),
        black: f("\x1B[30m", "\x1B[39m"),
        red: f("\x1B[31m", "\x1B[39m"),
        green: f("\x1B[32m", "\x1B[39m"),
        yellow: f("\x1B[33m", "\x1B[39m"),
        blue: f("\x1B[34m", "\x1B[39m"),
        magenta: f("\x1B[35m", "\x1B[39m"),
        cyan: f("\x1B[36m", "\x1B[39m"),
        white: f("\x1B[37m", "\x1B[39m"),
        gray: f("\x1B[90m", "\x1B[39m"),
        bgBlack: f("\x1B[40m", "\x1B[49m"),
        bgRed: f("\x1B[41m", "\x1B[49m"),
        bgGreen: f("\x1B[42m", "\x1B[49m"),
        bgYellow: f("\x1B[43m", "\x1B[49m"),
        bgBlue: f("\x1B[44m", "\x1B[49m"),
        bgMagenta: f("\x1B[45m", "\x1B[49m"),
        bgCyan: f("\x1B[46m", "\x1B[49m"),
        bgWhite: f("\x1B[47m", "\x1B[49m"),
        blackBright: f("\x1B[90m", "\x1B[39m"),
        redBright: f("\x1B[91m", "\x1B[39m"),
        greenBright: f("\x1B[92m", "\x1B[39m"),
        yellowBright: f("\x1B[93m", "\x1B[39m"),
        blueBright: f("\x1B[94m", "\x1B[39m"),
        magentaBright: f("\x1B[95m", "\x1B[39m"),
        cyanBright: f("\x1B[96m", "\x1B[39m"),
        whiteBright: f("\x1B[97m", "\x1B[39m"),
        bgBlackBright: f("\x1B[100m", "\x1B[49m"),
        bgRedBright: f("\x1B[101m", "\x1B[49m"),
        bgGreenBright: f("\x1B[102m", "\x1B[49m"),
        bgYellowBright: f("\x1B[103m", "\x1B[49m"),
        bgBlueBright: f("\x1B[104m", "\x1B[49m"),
        bgMagentaBright: f("\x1B[105m", "\x1B[49m"),
        bgCyanBright: f("\x1B[106m", "\x1B[49m"),
        bgWhiteBright: f("\x1B[107m", "\x1B[49m")
      };
    };
    module.exports = createColors();
    module.exports.createColors = createColors;
  }
});

// node_modules/commander/lib/error.js
var require_error = __commonJS({
  "node_modules/commander/lib/error.js"(exports) {
    var CommanderError2 = class extends Error {
      /**
       * Constructs the CommanderError class
       * @param {number} exitCode suggested exit code which could be used with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       */
      constructor(exitCode2, code, message2) {
        super(message2);
        Error.captureStackTrace(this, this.constructor);
        this.name = this.constructor.name;
        this.code = code;
        this.exitCode = exitCode2;
        this.nestedError = void 0;
      }
    };
    var InvalidArgumentError2 = class extends CommanderError2 {
      /**
       * Constructs the InvalidArgumentError class
       * @param {string} [message] explanation of why argument is invalid
       */
      constructor(message2) {
        super(1, "commander.invalidArgument", message2);
        Error.captureStackTrace(this, this.constructor);
        this.name = this.constructor.name;
      }
    };
    exports.CommanderError = CommanderError2;
    exports.InvalidArgumentError = InvalidArgumentError2;
  }
});

// node_modules/commander/lib/argument.js
var require_argument = __commonJS({
  "node_modules/commander/lib/argument.js"(exports) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var Argument2 = class {
      /**
       * Initialize a new command argument with the given name and description.
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @param {string} name
       * @param {string} [description]
       */
      constructor(name, description) {
        this.description = description || "";
        this.variadic = false;
        this.parseArg = void 0;
        this.defaultValue = void 0;
        this.defaultValueDescription = void 0;
        this.argChoices = void 0;
        switch (name[0]) {
          case "<":
            this.required = true;
            this._name = name.slice(1, -1);
            break;
          case "[":
            this.required = false;
            this._name = name.slice(1, -1);
            break;
          default:
            this.required = true;
            this._name = name;
            break;
        }
        if (this._name.endsWith("...")) {
          this.variadic = true;
          this._name = this._name.slice(0, -3);
        }
      }
      /**
       * Return argument name.
       *
       * @return {string}
       */
      name() {
        return this._name;
      }
      /**
       * @package
       */
      _collectValue(value, previous) {
        if (previous === this.defaultValue || !Array.isArray(previous)) {
          return [value];
        }
        previous.push(value);
        return previous;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Argument}
       */
      default(value, description) {
        this.defaultValue = value;
        this.defaultValueDescription = description;
        return this;
      }
      /**
       * Set the custom handler for processing CLI command arguments into argument values.
       *
       * @param {Function} [fn]
       * @return {Argument}
       */
      argParser(fn) {
        this.parseArg = fn;
        return this;
      }
      /**
       * Only allow argument value to be one of choices.
       *
       * @param {string[]} values
       * @return {Argument}
       */
      choices(values) {
        this.argChoices = values.slice();
        this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg)) {
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          }
          if (this.variadic) {
            return this._collectValue(arg, previous);
          }
          return arg;
        };
        return this;
      }
      /**
       * Make argument required.
       *
       * @returns {Argument}
       */
      argRequired() {
        this.required = true;
        return this;
      }
      /**
       * Make argument optional.
       *
       * @returns {Argument}
       */
      argOptional() {
        this.required = false;
        return this;
      }
    };
    function humanReadableArgName(arg) {
      const nameOutput = arg.name() + (arg.variadic === true ? "..." : "");
      return arg.required ? "<" + nameOutput + ">" : "[" + nameOutput + "]";
    }
    exports.Argument = Argument2;
    exports.humanReadableArgName = humanReadableArgName;
  }
});

// node_modules/commander/lib/help.js
var require_help = __commonJS({
  "node_modules/commander/lib/help.js"(exports) {
    var { humanReadableArgName } = require_argument();
    var Help2 = class {
      constructor() {
        this.helpWidth = void 0;
        this.minWidthToWrap = 40;
        this.sortSubcommands = false;
        this.sortOptions = false;
        this.showGlobalOptions = false;
      }
      /**
       * prepareContext is called by Commander after applying overrides from `Command.configureHelp()`
       * and just before calling `formatHelp()`.
       *
       * Commander just uses the helpWidth and the rest is provided for optional use by more complex subclasses.
       *
       * @param {{ error?: boolean, helpWidth?: number, outputHasColors?: boolean }} contextOptions
       */
      prepareContext(contextOptions) {
        this.helpWidth = this.helpWidth ?? contextOptions.helpWidth ?? 80;
      }
      /**
       * Get an array of the visible subcommands. Includes a placeholder for the implicit help command, if there is one.
       *
       * @param {Command} cmd
       * @returns {Command[]}
       */
      visibleCommands(cmd) {
        const visibleCommands = cmd.commands.filter((cmd2) => !cmd2._hidden);
        const helpCommand = cmd._getHelpCommand();
        if (helpCommand && !helpCommand._hidden) {
          visibleCommands.push(helpCommand);
        }
        if (this.sortSubcommands) {
          visibleCommands.sort((a, b) => {
            return a.name().localeCompare(b.name());
          });
        }
        return visibleCommands;
      }
      /**
       * Compare options for sort.
       *
       * @param {Option} a
       * @param {Option} b
       * @returns {number}
       */
      compareOptions(a, b) {
        const getSortKey = (option) => {
          return option.short ? option.short.replace(/^-/, "") : option.long.replace(/^--/, "");
        };
        return getSortKey(a).localeCompare(getSortKey(b));
      }
      /**
       * Get an array of the visible options. Includes a placeholder for the implicit help option, if there is one.
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleOptions(cmd) {
        const visibleOptions = cmd.options.filter((option) => !option.hidden);
        const helpOption = cmd._getHelpOption();
        if (helpOption && !helpOption.hidden) {
          const removeShort = helpOption.short && cmd._findOption(helpOption.short);
          const removeLong = helpOption.long && cmd._findOption(helpOption.long);
          if (!removeShort && !removeLong) {
            visibleOptions.push(helpOption);
          } else if (helpOption.long && !removeLong) {
            visibleOptions.push(
              cmd.createOption(helpOption.long, helpOption.description)
            );
          } else if (helpOption.short && !removeShort) {
            visibleOptions.push(
              cmd.createOption(helpOption.short, helpOption.description)
            );
          }
        }
        if (this.sortOptions) {
          visibleOptions.sort(this.compareOptions);
        }
        return visibleOptions;
      }
      /**
       * Get an array of the visible global options. (Not including help.)
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleGlobalOptions(cmd) {
        if (!this.showGlobalOptions) return [];
        const globalOptions = [];
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          const visibleOptions = ancestorCmd.options.filter(
            (option) => !option.hidden
          );
          globalOptions.push(...visibleOptions);
        }
        if (this.sortOptions) {
          globalOptions.sort(this.compareOptions);
        }
        return globalOptions;
      }
      /**
       * Get an array of the arguments if any have a description.
       *
       * @param {Command} cmd
       * @returns {Argument[]}
       */
      visibleArguments(cmd) {
        if (cmd._argsDescription) {
          cmd.registeredArguments.forEach((argument) => {
            argument.description = argument.description || cmd._argsDescription[argument.name()] || "";
          });
        }
        if (cmd.registeredArguments.find((argument) => argument.description)) {
          return cmd.registeredArguments;
        }
        return [];
      }
      /**
       * Get the command term to show in the list of subcommands.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandTerm(cmd) {
        const args = cmd.registeredArguments.map((arg) => humanReadableArgName(arg)).join(" ");
        return cmd._name + (cmd._aliases[0] ? "|" + cmd._aliases[0] : "") + (cmd.options.length ? " [options]" : "") + // simplistic check for non-help option
        (args ? " " + args : "");
      }
      /**
       * Get the option term to show in the list of options.
       *
       * @param {Option} option
       * @returns {string}
       */
      optionTerm(option) {
        return option.flags;
      }
      /**
       * Get the argument term to show in the list of arguments.
       *
       * @param {Argument} argument
       * @returns {string}
       */
      argumentTerm(argument) {
        return argument.name();
      }
      /**
       * Get the longest command term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestSubcommandTermLength(cmd, helper) {
        return helper.visibleCommands(cmd).reduce((max, command) => {
          return Math.max(
            max,
            this.displayWidth(
              helper.styleSubcommandTerm(helper.subcommandTerm(command))
            )
          );
        }, 0);
      }
      /**
       * Get the longest option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestOptionTermLength(cmd, helper) {
        return helper.visibleOptions(cmd).reduce((max, option) => {
          return Math.max(
            max,
            this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
          );
        }, 0);
      }
      /**
       * Get the longest global option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestGlobalOptionTermLength(cmd, helper) {
        return helper.visibleGlobalOptions(cmd).reduce((max, option) => {
          return Math.max(
            max,
            this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
          );
        }, 0);
      }
      /**
       * Get the longest argument term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestArgumentTermLength(cmd, helper) {
        return helper.visibleArguments(cmd).reduce((max, argument) => {
          return Math.max(
            max,
            this.displayWidth(
              helper.styleArgumentTerm(helper.argumentTerm(argument))
            )
          );
        }, 0);
      }
      /**
       * Get the command usage to be displayed at the top of the built-in help.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandUsage(cmd) {
        let cmdName = cmd._name;
        if (cmd._aliases[0]) {
          cmdName = cmdName + "|" + cmd._aliases[0];
        }
        let ancestorCmdNames = "";
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          ancestorCmdNames = ancestorCmd.name() + " " + ancestorCmdNames;
        }
        return ancestorCmdNames + cmdName + " " + cmd.usage();
      }
      /**
       * Get the description for the command.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandDescription(cmd) {
        return cmd.description();
      }
      /**
       * Get the subcommand summary to show in the list of subcommands.
       * (Fallback to description for backwards compatibility.)
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandDescription(cmd) {
        return cmd.summary() || cmd.description();
      }
      /**
       * Get the option description to show in the list of options.
       *
       * @param {Option} option
       * @return {string}
       */
      optionDescription(option) {
        const extraInfo = [];
        if (option.argChoices) {
          extraInfo.push(
            // use stringify to match the display of the default value
            `choices: ${option.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
          );
        }
        if (option.defaultValue !== void 0) {
          const showDefault = option.required || option.optional || option.isBoolean() && typeof option.defaultValue === "boolean";
          if (showDefault) {
            extraInfo.push(
              `default: ${option.defaultValueDescription || JSON.stringify(option.defaultValue)}`
            );
          }
        }
        if (option.presetArg !== void 0 && option.optional) {
          extraInfo.push(`preset: ${JSON.stringify(option.presetArg)}`);
        }
        if (option.envVar !== void 0) {
          extraInfo.push(`env: ${option.envVar}`);
        }
        if (extraInfo.length > 0) {
          const extraDescription = `(${extraInfo.join(", ")})`;
          if (option.description) {
            return `${option.description} ${extraDescription}`;
          }
          return extraDescription;
        }
        return option.description;
      }
      /**
       * Get the argument description to show in the list of arguments.
       *
       * @param {Argument} argument
       * @return {string}
       */
      argumentDescription(argument) {
        const extraInfo = [];
        if (argument.argChoices) {
          extraInfo.push(
            // use stringify to match the display of the default value
            `choices: ${argument.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
          );
        }
        if (argument.defaultValue !== void 0) {
          extraInfo.push(
            `default: ${argument.defaultValueDescription || JSON.stringify(argument.defaultValue)}`
          );
        }
        if (extraInfo.length > 0) {
          const extraDescription = `(${extraInfo.join(", ")})`;
          if (argument.description) {
            return `${argument.description} ${extraDescription}`;
          }
          return extraDescription;
        }
        return argument.description;
      }
      /**
       * Format a list of items, given a heading and an array of formatted items.
       *
       * @param {string} heading
       * @param {string[]} items
       * @param {Help} helper
       * @returns string[]
       */
      formatItemList(heading, items, helper) {
        if (items.length === 0) return [];
        return [helper.styleTitle(heading), ...items, ""];
      }
      /**
       * Group items by their help group heading.
       *
       * @param {Command[] | Option[]} unsortedItems
       * @param {Command[] | Option[]} visibleItems
       * @param {Function} getGroup
       * @returns {Map<string, Command[] | Option[]>}
       */
      groupItems(unsortedItems, visibleItems, getGroup) {
        const result = /* @__PURE__ */ new Map();
        unsortedItems.forEach((item) => {
          const group = getGroup(item);
          if (!result.has(group)) result.set(group, []);
        });
        visibleItems.forEach((item) => {
          const group = getGroup(item);
          if (!result.has(group)) {
            result.set(group, []);
          }
          result.get(group).push(item);
        });
        return result;
      }
      /**
       * Generate the built-in help text.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {string}
       */
      formatHelp(cmd, helper) {
        const termWidth = helper.padWidth(cmd, helper);
        const helpWidth = helper.helpWidth ?? 80;
        function callFormatItem(term, description) {
          return helper.formatItem(term, termWidth, description, helper);
        }
        let output = [
          `${helper.styleTitle("Usage:")} ${helper.styleUsage(helper.commandUsage(cmd))}`,
          ""
        ];
        const commandDescription = helper.commandDescription(cmd);
        if (commandDescription.length > 0) {
          output = output.concat([
            helper.boxWrap(
              helper.styleCommandDescription(commandDescription),
              helpWidth
            ),
            ""
          ]);
        }
        const argumentList = helper.visibleArguments(cmd).map((argument) => {
          return callFormatItem(
            helper.styleArgumentTerm(helper.argumentTerm(argument)),
            helper.styleArgumentDescription(helper.argumentDescription(argument))
          );
        });
        output = output.concat(
          this.formatItemList("Arguments:", argumentList, helper)
        );
        const optionGroups = this.groupItems(
          cmd.options,
          helper.visibleOptions(cmd),
          (option) => option.helpGroupHeading ?? "Options:"
        );
        optionGroups.forEach((options, group) => {
          const optionList = options.map((option) => {
            return callFormatItem(
              helper.styleOptionTerm(helper.optionTerm(option)),
              helper.styleOptionDescription(helper.optionDescription(option))
            );
          });
          output = output.concat(this.formatItemList(group, optionList, helper));
        });
        if (helper.showGlobalOptions) {
          const globalOptionList = helper.visibleGlobalOptions(cmd).map((option) => {
            return callFormatItem(
              helper.styleOptionTerm(helper.optionTerm(option)),
              helper.styleOptionDescription(helper.optionDescription(option))
            );
          });
          output = output.concat(
            this.formatItemList("Global Options:", globalOptionList, helper)
          );
        }
        const commandGroups = this.groupItems(
          cmd.commands,
          helper.visibleCommands(cmd),
          (sub) => sub.helpGroup() || "Commands:"
        );
        commandGroups.forEach((commands, group) => {
          const commandList = commands.map((sub) => {
            return callFormatItem(
              helper.styleSubcommandTerm(helper.subcommandTerm(sub)),
              helper.styleSubcommandDescription(helper.subcommandDescription(sub))
            );
          });
          output = output.concat(this.formatItemList(group, commandList, helper));
        });
        return output.join("\n");
      }
      /**
       * Return display width of string, ignoring ANSI escape sequences. Used in padding and wrapping calculations.
       *
       * @param {string} str
       * @returns {number}
       */
      displayWidth(str) {
        return stripColor(str).length;
      }
      /**
       * Style the title for displaying in the help. Called with 'Usage:', 'Options:', etc.
       *
       * @param {string} str
       * @returns {string}
       */
      styleTitle(str) {
        return str;
      }
      styleUsage(str) {
        return str.split(" ").map((word) => {
          if (word === "[options]") return this.styleOptionText(word);
          if (word === "[command]") return this.styleSubcommandText(word);
          if (word[0] === "[" || word[0] === "<")
            return this.styleArgumentText(word);
          return this.styleCommandText(word);
        }).join(" ");
      }
      styleCommandDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleOptionDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleSubcommandDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleArgumentDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleDescriptionText(str) {
        return str;
      }
      styleOptionTerm(str) {
        return this.styleOptionText(str);
      }
      styleSubcommandTerm(str) {
        return str.split(" ").map((word) => {
          if (word === "[options]") return this.styleOptionText(word);
          if (word[0] === "[" || word[0] === "<")
            return this.styleArgumentText(word);
          return this.styleSubcommandText(word);
        }).join(" ");
      }
      styleArgumentTerm(str) {
        return this.styleArgumentText(str);
      }
      styleOptionText(str) {
        return str;
      }
      styleArgumentText(str) {
        return str;
      }
      styleSubcommandText(str) {
        return str;
      }
      styleCommandText(str) {
        return str;
      }
      /**
       * Calculate the pad width from the maximum term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      padWidth(cmd, helper) {
        return Math.max(
          helper.longestOptionTermLength(cmd, helper),
          helper.longestGlobalOptionTermLength(cmd, helper),
          helper.longestSubcommandTermLength(cmd, helper),
          helper.longestArgumentTermLength(cmd, helper)
        );
      }
      /**
       * Detect manually wrapped and indented strings by checking for line break followed by whitespace.
       *
       * @param {string} str
       * @returns {boolean}
       */
      preformatted(str) {
        return /\n[^\S\r\n]/.test(str);
      }
      /**
       * Format the "item", which consists of a term and description. Pad the term and wrap the description, indenting the following lines.
       *
       * So "TTT", 5, "DDD DDDD DD DDD" might be formatted for this.helpWidth=17 like so:
       *   TTT  DDD DDDD
       *        DD DDD
       *
       * @param {string} term
       * @param {number} termWidth
       * @param {string} description
       * @param {Help} helper
       * @returns {string}
       */
      formatItem(term, termWidth, description, helper) {
        const itemIndent = 2;
        const itemIndentStr = " ".repeat(itemIndent);
        if (!description) return itemIndentStr + term;
        const paddedTerm = term.padEnd(
          termWidth + term.length - helper.displayWidth(term)
        );
        const spacerWidth = 2;
        const helpWidth = this.helpWidth ?? 80;
        const remainingWidth = helpWidth - termWidth - spacerWidth - itemIndent;
        let formattedDescription;
        if (remainingWidth < this.minWidthToWrap || helper.preformatted(description)) {
          formattedDescription = description;
        } else {
          const wrappedDescription = helper.boxWrap(description, remainingWidth);
          formattedDescription = wrappedDescription.replace(
            /\n/g,
            "\n" + " ".repeat(termWidth + spacerWidth)
          );
        }
        return itemIndentStr + paddedTerm + " ".repeat(spacerWidth) + formattedDescription.replace(/\n/g, `
${itemIndentStr}`);
      }
      /**
       * Wrap a string at whitespace, preserving existing line breaks.
       * Wrapping is skipped if the width is less than `minWidthToWrap`.
       *
       * @param {string} str
       * @param {number} width
       * @returns {string}
       */
      boxWrap(str, width) {
        if (width < this.minWidthToWrap) return str;
        const rawLines = str.split(/\r\n|\n/);
        const chunkPattern = /[\s]*[^\s]+/g;
        const wrappedLines = [];
        rawLines.forEach((line) => {
          const chunks = line.match(chunkPattern);
          if (chunks === null) {
            wrappedLines.push("");
            return;
          }
          let sumChunks = [chunks.shift()];
          let sumWidth = this.displayWidth(sumChunks[0]);
          chunks.forEach((chunk) => {
            const visibleWidth = this.displayWidth(chunk);
            if (sumWidth + visibleWidth <= width) {
              sumChunks.push(chunk);
              sumWidth += visibleWidth;
              return;
            }
            wrappedLines.push(sumChunks.join(""));
            const nextChunk = chunk.trimStart();
            sumChunks = [nextChunk];
            sumWidth = this.displayWidth(nextChunk);
          });
          wrappedLines.push(sumChunks.join(""));
        });
        return wrappedLines.join("\n");
      }
    };
    function stripColor(str) {
      const sgrPattern = /\x1b\[\d*(;\d*)*m/g;
      return str.replace(sgrPattern, "");
    }
    exports.Help = Help2;
    exports.stripColor = stripColor;
  }
});

// node_modules/commander/lib/option.js
var require_option = __commonJS({
  "node_modules/commander/lib/option.js"(exports) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var Option2 = class {
      /**
       * Initialize a new `Option` with the given `flags` and `description`.
       *
       * @param {string} flags
       * @param {string} [description]
       */
      constructor(flags, description) {
        this.flags = flags;
        this.description = description || "";
        this.required = flags.includes("<");
        this.optional = flags.includes("[");
        this.variadic = /\w\.\.\.[>\]]$/.test(flags);
        this.mandatory = false;
        const optionFlags = splitOptionFlags(flags);
        this.short = optionFlags.shortFlag;
        this.long = optionFlags.longFlag;
        this.negate = false;
        if (this.long) {
          this.negate = this.long.startsWith("--no-");
        }
        this.defaultValue = void 0;
        this.defaultValueDescription = void 0;
        this.presetArg = void 0;
        this.envVar = void 0;
        this.parseArg = void 0;
        this.hidden = false;
        this.argChoices = void 0;
        this.conflictsWith = [];
        this.implied = void 0;
        this.helpGroupHeading = void 0;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Option}
       */
      default(value, description) {
        this.defaultValue = value;
        this.defaultValueDescription = description;
        return this;
      }
      /**
       * Preset to use when option used without option-argument, especially optional but also boolean and negated.
       * The custom processing (parseArg) is called.
       *
       * @example
       * new Option('--color').default('GREYSCALE').preset('RGB');
       * new Option('--donate [amount]').preset('20').argParser(parseFloat);
       *
       * @param {*} arg
       * @return {Option}
       */
      preset(arg) {
        this.presetArg = arg;
        return this;
      }
      /**
       * Add option name(s) that conflict with this option.
       * An error will be displayed if conflicting options are found during parsing.
       *
       * @example
       * new Option('--rgb').conflicts('cmyk');
       * new Option('--js').conflicts(['ts', 'jsx']);
       *
       * @param {(string | string[])} names
       * @return {Option}
       */
      conflicts(names) {
        this.conflictsWith = this.conflictsWith.concat(names);
        return this;
      }
      /**
       * Specify implied option values for when this option is set and the implied options are not.
       *
       * The custom processing (parseArg) is not called on the implied values.
       *
       * @example
       * program
       *   .addOption(new Option('--log', 'write logging information to file'))
       *   .addOption(new Option('--trace', 'log extra details').implies({ log: 'trace.txt' }));
       *
       * @param {object} impliedOptionValues
       * @return {Option}
       */
      implies(impliedOptionValues) {
        let newImplied = impliedOptionValues;
        if (typeof impliedOptionValues === "string") {
          newImplied = { [impliedOptionValues]: true };
        }
        this.implied = Object.assign(this.implied || {}, newImplied);
        return this;
      }
      /**
       * Set environment variable to check for option value.
       *
       * An environment variable is only used if when processed the current option value is
       * undefined, or the source of the current value is 'default' or 'config' or 'env'.
       *
       * @param {string} name
       * @return {Option}
       */
      env(name) {
        this.envVar = name;
        return this;
      }
      /**
       * Set the custom handler for processing CLI option arguments into option values.
       *
       * @param {Function} [fn]
       * @return {Option}
       */
      argParser(fn) {
        this.parseArg = fn;
        return this;
      }
      /**
       * Whether the option is mandatory and must have a value after parsing.
       *
       * @param {boolean} [mandatory=true]
       * @return {Option}
       */
      makeOptionMandatory(mandatory = true) {
        this.mandatory = !!mandatory;
        return this;
      }
      /**
       * Hide option in help.
       *
       * @param {boolean} [hide=true]
       * @return {Option}
       */
      hideHelp(hide = true) {
        this.hidden = !!hide;
        return this;
      }
      /**
       * @package
       */
      _collectValue(value, previous) {
        if (previous === this.defaultValue || !Array.isArray(previous)) {
          return [value];
        }
        previous.push(value);
        return previous;
      }
      /**
       * Only allow option value to be one of choices.
       *
       * @param {string[]} values
       * @return {Option}
       */
      choices(values) {
        this.argChoices = values.slice();
        this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg)) {
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          }
          if (this.variadic) {
            return this._collectValue(arg, previous);
          }
          return arg;
        };
        return this;
      }
      /**
       * Return option name.
       *
       * @return {string}
       */
      name() {
        if (this.long) {
          return this.long.replace(/^--/, "");
        }
        return this.short.replace(/^-/, "");
      }
      /**
       * Return option name, in a camelcase format that can be used
       * as an object attribute key.
       *
       * @return {string}
       */
      attributeName() {
        if (this.negate) {
          return camelcase(this.name().replace(/^no-/, ""));
        }
        return camelcase(this.name());
      }
      /**
       * Set the help group heading.
       *
       * @param {string} heading
       * @return {Option}
       */
      helpGroup(heading) {
        this.helpGroupHeading = heading;
        return this;
      }
      /**
       * Check if `arg` matches the short or long flag.
       *
       * @param {string} arg
       * @return {boolean}
       * @package
       */
      is(arg) {
        return this.short === arg || this.long === arg;
      }
      /**
       * Return whether a boolean option.
       *
       * Options are one of boolean, negated, required argument, or optional argument.
       *
       * @return {boolean}
       * @package
       */
      isBoolean() {
        return !this.required && !this.optional && !this.negate;
      }
    };
    var DualOptions = class {
      /**
       * @param {Option[]} options
       */
      constructor(options) {
        this.positiveOptions = /* @__PURE__ */ new Map();
        this.negativeOptions = /* @__PURE__ */ new Map();
        this.dualOptions = /* @__PURE__ */ new Set();
        options.forEach((option) => {
          if (option.negate) {
            this.negativeOptions.set(option.attributeName(), option);
          } else {
            this.positiveOptions.set(option.attributeName(), option);
          }
        });
        this.negativeOptions.forEach((value, key) => {
          if (this.positiveOptions.has(key)) {
            this.dualOptions.add(key);
          }
        });
      }
      /**
       * Did the value come from the option, and not from possible matching dual option?
       *
       * @param {*} value
       * @param {Option} option
       * @returns {boolean}
       */
      valueFromOption(value, option) {
        const optionKey = option.attributeName();
        if (!this.dualOptions.has(optionKey)) return true;
        const preset = this.negativeOptions.get(optionKey).presetArg;
        const negativeValue = preset !== void 0 ? preset : false;
        return option.negate === (negativeValue === value);
      }
    };
    function camelcase(str) {
      return str.split("-").reduce((str2, word) => {
        return str2 + word[0].toUpperCase() + word.slice(1);
      });
    }
    function splitOptionFlags(flags) {
      let shortFlag;
      let longFlag;
      const shortFlagExp = /^-[^-]$/;
      const longFlagExp = /^--[^-]/;
      const flagParts = flags.split(/[ |,]+/).concat("guard");
      if (shortFlagExp.test(flagParts[0])) shortFlag = flagParts.shift();
      if (longFlagExp.test(flagParts[0])) longFlag = flagParts.shift();
      if (!shortFlag && shortFlagExp.test(flagParts[0]))
        shortFlag = flagParts.shift();
      if (!shortFlag && longFlagExp.test(flagParts[0])) {
        shortFlag = longFlag;
        longFlag = flagParts.shift();
      }
      if (flagParts[0].startsWith("-")) {
        const unsupportedFlag = flagParts[0];
        const baseError = `option creation failed due to '${unsupportedFlag}' in option flags '${flags}'`;
        if (/^-[^-][^-]/.test(unsupportedFlag))
          throw new Error(
            `${baseError}
- a short flag is a single dash and a single character
  - either use a single dash and a single character (for a short flag)
  - or use a double dash for a long option (and can have two, like '--ws, --workspace')`
          );
        if (shortFlagExp.test(unsupportedFlag))
          throw new Error(`${baseError}
- too many short flags`);
        if (longFlagExp.test(unsupportedFlag))
          throw new Error(`${baseError}
- too many long flags`);
        throw new Error(`${baseError}
- unrecognised flag format`);
      }
      if (shortFlag === void 0 && longFlag === void 0)
        throw new Error(
          `option creation failed due to no flags found in '${flags}'.`
        );
      return { shortFlag, longFlag };
    }
    exports.Option = Option2;
    exports.DualOptions = DualOptions;
  }
});

// node_modules/commander/lib/suggestSimilar.js
var require_suggestSimilar = __commonJS({
  "node_modules/commander/lib/suggestSimilar.js"(exports) {
    var maxDistance = 3;
    function editDistance(a, b) {
      if (Math.abs(a.length - b.length) > maxDistance)
        return Math.max(a.length, b.length);
      const d = [];
      for (let i = 0; i <= a.length; i++) {
        d[i] = [i];
      }
      for (let j = 0; j <= b.length; j++) {
        d[0][j] = j;
      }
      for (let j = 1; j <= b.length; j++) {
        for (let i = 1; i <= a.length; i++) {
          let cost = 1;
          if (a[i - 1] === b[j - 1]) {
            cost = 0;
          } else {
            cost = 1;
          }
          d[i][j] = Math.min(
            d[i - 1][j] + 1,
            // deletion
            d[i][j - 1] + 1,
            // insertion
            d[i - 1][j - 1] + cost
            // substitution
          );
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
            d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
          }
        }
      }
      return d[a.length][b.length];
    }
    function suggestSimilar(word, candidates) {
      if (!candidates || candidates.length === 0) return "";
      candidates = Array.from(new Set(candidates));
      const searchingOptions = word.startsWith("--");
      if (searchingOptions) {
        word = word.slice(2);
        candidates = candidates.map((candidate) => candidate.slice(2));
      }
      let similar = [];
      let bestDistance = maxDistance;
      const minSimilarity = 0.4;
      candidates.forEach((candidate) => {
        if (candidate.length <= 1) return;
        const distance = editDistance(word, candidate);
        const length = Math.max(word.length, candidate.length);
        const similarity = (length - distance) / length;
        if (similarity > minSimilarity) {
          if (distance < bestDistance) {
            bestDistance = distance;
            similar = [candidate];
          } else if (distance === bestDistance) {
            similar.push(candidate);
          }
        }
      });
      similar.sort((a, b) => a.localeCompare(b));
      if (searchingOptions) {
        similar = similar.map((candidate) => `--${candidate}`);
      }
      if (similar.length > 1) {
        return `
(Did you mean one of ${similar.join(", ")}?)`;
      }
      if (similar.length === 1) {
        return `
(Did you mean ${similar[0]}?)`;
      }
      return "";
    }
    exports.suggestSimilar = suggestSimilar;
  }
});

// node_modules/commander/lib/command.js
var require_command = __commonJS({
  "node_modules/commander/lib/command.js"(exports) {
    var EventEmitter = __require("node:events").EventEmitter;
    var childProcess = __require("node:child_process");
    var path5 = __require("node:path");
    var fs = __require("node:fs");
    var process2 = __require("node:process");
    var { Argument: Argument2, humanReadableArgName } = require_argument();
    var { CommanderError: CommanderError2 } = require_error();
    var { Help: Help2, stripColor } = require_help();
    var { Option: Option2, DualOptions } = require_option();
    var { suggestSimilar } = require_suggestSimilar();
    var Command2 = class _Command extends EventEmitter {
      /**
       * Initialize a new `Command`.
       *
       * @param {string} [name]
       */
      constructor(name) {
        super();
        this.commands = [];
        this.options = [];
        this.parent = null;
        this._allowUnknownOption = false;
        this._allowExcessArguments = false;
        this.registeredArguments = [];
        this._args = this.registeredArguments;
        this.args = [];
        this.rawArgs = [];
        this.processedArgs = [];
        this._scriptPath = null;
        this._name = name || "";
        this._optionValues = {};
        this._optionValueSources = {};
        this._storeOptionsAsProperties = false;
        this._actionHandler = null;
        this._executableHandler = false;
        this._executableFile = null;
        this._executableDir = null;
        this._defaultCommandName = null;
        this._exitCallback = null;
        this._aliases = [];
        this._combineFlagAndOptionalValue = true;
        this._description = "";
        this._summary = "";
        this._argsDescription = void 0;
        this._enablePositionalOptions = false;
        this._passThroughOptions = false;
        this._lifeCycleHooks = {};
        this._showHelpAfterError = false;
        this._showSuggestionAfterError = true;
        this._savedState = null;
        this._outputConfiguration = {
          writeOut: (str) => process2.stdout.write(str),
          writeErr: (str) => process2.stderr.write(str),
          outputError: (str, write) => write(str),
          getOutHelpWidth: () => process2.stdout.isTTY ? process2.stdout.columns : void 0,
          getErrHelpWidth: () => process2.stderr.isTTY ? process2.stderr.columns : void 0,
          getOutHasColors: () => useColor() ?? (process2.stdout.isTTY && process2.stdout.hasColors?.()),
          getErrHasColors: () => useColor() ?? (process2.stderr.isTTY && process2.stderr.hasColors?.()),
          stripColor: (str) => stripColor(str)
        };
        this._hidden = false;
        this._helpOption = void 0;
        this._addImplicitHelpCommand = void 0;
        this._helpCommand = void 0;
        this._helpConfiguration = {};
        this._helpGroupHeading = void 0;
        this._defaultCommandGroup = void 0;
        this._defaultOptionGroup = void 0;
      }
      /**
       * Copy settings that are useful to have in common across root command and subcommands.
       *
       * (Used internally when adding a command using `.command()` so subcommands inherit parent settings.)
       *
       * @param {Command} sourceCommand
       * @return {Command} `this` command for chaining
       */
      copyInheritedSettings(sourceCommand) {
        this._outputConfiguration = sourceCommand._outputConfiguration;
        this._helpOption = sourceCommand._helpOption;
        this._helpCommand = sourceCommand._helpCommand;
        this._helpConfiguration = sourceCommand._helpConfiguration;
        this._exitCallback = sourceCommand._exitCallback;
        this._storeOptionsAsProperties = sourceCommand._storeOptionsAsProperties;
        this._combineFlagAndOptionalValue = sourceCommand._combineFlagAndOptionalValue;
        this._allowExcessArguments = sourceCommand._allowExcessArguments;
        this._enablePositionalOptions = sourceCommand._enablePositionalOptions;
        this._showHelpAfterError = sourceCommand._showHelpAfterError;
        this._showSuggestionAfterError = sourceCommand._showSuggestionAfterError;
        return this;
      }
      /**
       * @returns {Command[]}
       * @private
       */
      _getCommandAndAncestors() {
        const result = [];
        for (let command = this; command; command = command.parent) {
          result.push(command);
        }
        return result;
      }
      /**
       * Define a command.
       *
       * There are two styles of command: pay attention to where to put the description.
       *
       * @example
       * // Command implemented using action handler (description is supplied separately to `.command`)
       * program
       *   .command('clone <source> [destination]')
       *   .description('clone a repository into a newly created directory')
       *   .action((source, destination) => {
       *     console.log('clone command called');
       *   });
       *
       * // Command implemented using separate executable file (description is second parameter to `.command`)
       * program
       *   .command('start <service>', 'start named service')
       *   .command('stop [service]', 'stop named service, or all if no name supplied');
       *
       * @param {string} nameAndArgs - command name and arguments, args are `<required>` or `[optional]` and last may also be `variadic...`
       * @param {(object | string)} [actionOptsOrExecDesc] - configuration options (for action), or description (for executable)
       * @param {object} [execOpts] - configuration options (for executable)
       * @return {Command} returns new command for action handler, or `this` for executable command
       */
      command(nameAndArgs, actionOptsOrExecDesc, execOpts) {
        let desc = actionOptsOrExecDesc;
        let opts = execOpts;
        if (typeof desc === "object" && desc !== null) {
          opts = desc;
          desc = null;
        }
        opts = opts || {};
        const [, name, args] = nameAndArgs.match(/([^ ]+) *(.*)/);
        const cmd = this.createCommand(name);
        if (desc) {
          cmd.description(desc);
          cmd._executableHandler = true;
        }
        if (opts.isDefault) this._defaultCommandName = cmd._name;
        cmd._hidden = !!(opts.noHelp || opts.hidden);
        cmd._executableFile = opts.executableFile || null;
        if (args) cmd.arguments(args);
        this._registerCommand(cmd);
        cmd.parent = this;
        cmd.copyInheritedSettings(this);
        if (desc) return this;
        return cmd;
      }
      /**
       * Factory routine to create a new unattached command.
       *
       * See .command() for creating an attached subcommand, which uses this routine to
       * create the command. You can override createCommand to customise subcommands.
       *
       * @param {string} [name]
       * @return {Command} new command
       */
      createCommand(name) {
        return new _Command(name);
      }
      /**
       * You can customise the help with a subclass of Help by overriding createHelp,
       * or by overriding Help properties using configureHelp().
       *
       * @return {Help}
       */
      createHelp() {
        return Object.assign(new Help2(), this.configureHelp());
      }
      /**
       * You can customise the help by overriding Help properties using configureHelp(),
       * or with a subclass of Help by overriding createHelp().
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureHelp(configuration) {
        if (configuration === void 0) return this._helpConfiguration;
        this._helpConfiguration = configuration;
        return this;
      }
      /**
       * The default output goes to stdout and stderr. You can customise this for special
       * applications. You can also customise the display of errors by overriding outputError.
       *
       * The configuration properties are all functions:
       *
       *     // change how output being written, defaults to stdout and stderr
       *     writeOut(str)
       *     writeErr(str)
       *     // change how output being written for errors, defaults to writeErr
       *     outputError(str, write) // used for displaying errors and not used for displaying help
       *     // specify width for wrapping help
       *     getOutHelpWidth()
       *     getErrHelpWidth()
       *     // color support, currently only used with Help
       *     getOutHasColors()
       *     getErrHasColors()
       *     stripColor() // used to remove ANSI escape codes if output does not have colors
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureOutput(configuration) {
        if (configuration === void 0) return this._outputConfiguration;
        this._outputConfiguration = {
          ...this._outputConfiguration,
          ...configuration
        };
        return this;
      }
      /**
       * Display the help or a custom message after an error occurs.
       *
       * @param {(boolean|string)} [displayHelp]
       * @return {Command} `this` command for chaining
       */
      showHelpAfterError(displayHelp = true) {
        if (typeof displayHelp !== "string") displayHelp = !!displayHelp;
        this._showHelpAfterError = displayHelp;
        return this;
      }
      /**
       * Display suggestion of similar commands for unknown commands, or options for unknown options.
       *
       * @param {boolean} [displaySuggestion]
       * @return {Command} `this` command for chaining
       */
      showSuggestionAfterError(displaySuggestion = true) {
        this._showSuggestionAfterError = !!displaySuggestion;
        return this;
      }
      /**
       * Add a prepared subcommand.
       *
       * See .command() for creating an attached subcommand which inherits settings from its parent.
       *
       * @param {Command} cmd - new subcommand
       * @param {object} [opts] - configuration options
       * @return {Command} `this` command for chaining
       */
      addCommand(cmd, opts) {
        if (!cmd._name) {
          throw new Error(`Command passed to .addCommand() must have a name
- specify the name in Command constructor or using .name()`);
        }
        opts = opts || {};
        if (opts.isDefault) this._defaultCommandName = cmd._name;
        if (opts.noHelp || opts.hidden) cmd._hidden = true;
        this._registerCommand(cmd);
        cmd.parent = this;
        cmd._checkForBrokenPassThrough();
        return this;
      }
      /**
       * Factory routine to create a new unattached argument.
       *
       * See .argument() for creating an attached argument, which uses this routine to
       * create the argument. You can override createArgument to return a custom argument.
       *
       * @param {string} name
       * @param {string} [description]
       * @return {Argument} new argument
       */
      createArgument(name, description) {
        return new Argument2(name, description);
      }
      /**
       * Define argument syntax for command.
       *
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @example
       * program.argument('<input-file>');
       * program.argument('[output-file]');
       *
       * @param {string} name
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom argument processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      argument(name, description, parseArg, defaultValue) {
        const argument = this.createArgument(name, description);
        if (typeof parseArg === "function") {
          argument.default(defaultValue).argParser(parseArg);
        } else {
          argument.default(parseArg);
        }
        this.addArgument(argument);
        return this;
      }
      /**
       * Define argument syntax for command, adding multiple at once (without descriptions).
       *
       * See also .argument().
       *
       * @example
       * program.arguments('<cmd> [env]');
       *
       * @param {string} names
       * @return {Command} `this` command for chaining
       */
      arguments(names) {
        names.trim().split(/ +/).forEach((detail) => {
          this.argument(detail);
        });
        return this;
      }
      /**
       * Define argument syntax for command, adding a prepared argument.
       *
       * @param {Argument} argument
       * @return {Command} `this` command for chaining
       */
      addArgument(argument) {
        const previousArgument = this.registeredArguments.slice(-1)[0];
        if (previousArgument?.variadic) {
          throw new Error(
            `only the last argument can be variadic '${previousArgument.name()}'`
          );
        }
        if (argument.required && argument.defaultValue !== void 0 && argument.parseArg === void 0) {
          throw new Error(
            `a default value for a required argument is never used: '${argument.name()}'`
          );
        }
        this.registeredArguments.push(argument);
        return this;
      }
      /**
       * Customise or override default help command. By default a help command is automatically added if your command has subcommands.
       *
       * @example
       *    program.helpCommand('help [cmd]');
       *    program.helpCommand('help [cmd]', 'show help');
       *    program.helpCommand(false); // suppress default help command
       *    program.helpCommand(true); // add help command even if no subcommands
       *
       * @param {string|boolean} enableOrNameAndArgs - enable with custom name and/or arguments, or boolean to override whether added
       * @param {string} [description] - custom description
       * @return {Command} `this` command for chaining
       */
      helpCommand(enableOrNameAndArgs, description) {
        if (typeof enableOrNameAndArgs === "boolean") {
          this._addImplicitHelpCommand = enableOrNameAndArgs;
          if (enableOrNameAndArgs && this._defaultCommandGroup) {
            this._initCommandGroup(this._getHelpCommand());
          }
          return this;
        }
        const nameAndArgs = enableOrNameAndArgs ?? "help [command]";
        const [, helpName, helpArgs] = nameAndArgs.match(/([^ ]+) *(.*)/);
        const helpDescription = description ?? "display help for command";
        const helpCommand = this.createCommand(helpName);
        helpCommand.helpOption(false);
        if (helpArgs) helpCommand.arguments(helpArgs);
        if (helpDescription) helpCommand.description(helpDescription);
        this._addImplicitHelpCommand = true;
        this._helpCommand = helpCommand;
        if (enableOrNameAndArgs || description) this._initCommandGroup(helpCommand);
        return this;
      }
      /**
       * Add prepared custom help command.
       *
       * @param {(Command|string|boolean)} helpCommand - custom help command, or deprecated enableOrNameAndArgs as for `.helpCommand()`
       * @param {string} [deprecatedDescription] - deprecated custom description used with custom name only
       * @return {Command} `this` command for chaining
       */
      addHelpCommand(helpCommand, deprecatedDescription) {
        if (typeof helpCommand !== "object") {
          this.helpCommand(helpCommand, deprecatedDescription);
          return this;
        }
        this._addImplicitHelpCommand = true;
        this._helpCommand = helpCommand;
        this._initCommandGroup(helpCommand);
        return this;
      }
      /**
       * Lazy create help command.
       *
       * @return {(Command|null)}
       * @package
       */
      _getHelpCommand() {
        const hasImplicitHelpCommand = this._addImplicitHelpCommand ?? (this.commands.length && !this._actionHandler && !this._findCommand("help"));
        if (hasImplicitHelpCommand) {
          if (this._helpCommand === void 0) {
            this.helpCommand(void 0, void 0);
          }
          return this._helpCommand;
        }
        return null;
      }
      /**
       * Add hook for life cycle event.
       *
       * @param {string} event
       * @param {Function} listener
       * @return {Command} `this` command for chaining
       */
      hook(event, listener) {
        const allowedValues = ["preSubcommand", "preAction", "postAction"];
        if (!allowedValues.includes(event)) {
          throw new Error(`Unexpected value for event passed to hook : '${event}'.
Expecting one of '${allowedValues.join("', '")}'`);
        }
        if (this._lifeCycleHooks[event]) {
          this._lifeCycleHooks[event].push(listener);
        } else {
          this._lifeCycleHooks[event] = [listener];
        }
        return this;
      }
      /**
       * Register callback to use as replacement for calling process.exit.
       *
       * @param {Function} [fn] optional callback which will be passed a CommanderError, defaults to throwing
       * @return {Command} `this` command for chaining
       */
      exitOverride(fn) {
        if (fn) {
          this._exitCallback = fn;
        } else {
          this._exitCallback = (err) => {
            if (err.code !== "commander.executeSubCommandAsync") {
              throw err;
            } else {
            }
          };
        }
        return this;
      }
      /**
       * Call process.exit, and _exitCallback if defined.
       *
       * @param {number} exitCode exit code for using with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       * @return never
       * @private
       */
      _exit(exitCode2, code, message2) {
        if (this._exitCallback) {
          this._exitCallback(new CommanderError2(exitCode2, code, message2));
        }
        process2.exit(exitCode2);
      }
      /**
       * Register callback `fn` for the command.
       *
       * @example
       * program
       *   .command('serve')
       *   .description('start service')
       *   .action(function() {
       *      // do work here
       *   });
       *
       * @param {Function} fn
       * @return {Command} `this` command for chaining
       */
      action(fn) {
        const listener = (args) => {
          const expectedArgsCount = this.registeredArguments.length;
          const actionArgs = args.slice(0, expectedArgsCount);
          if (this._storeOptionsAsProperties) {
            actionArgs[expectedArgsCount] = this;
          } else {
            actionArgs[expectedArgsCount] = this.opts();
          }
          actionArgs.push(this);
          return fn.apply(this, actionArgs);
        };
        this._actionHandler = listener;
        return this;
      }
      /**
       * Factory routine to create a new unattached option.
       *
       * See .option() for creating an attached option, which uses this routine to
       * create the option. You can override createOption to return a custom option.
       *
       * @param {string} flags
       * @param {string} [description]
       * @return {Option} new option
       */
      createOption(flags, description) {
        return new Option2(flags, description);
      }
      /**
       * Wrap parseArgs to catch 'commander.invalidArgument'.
       *
       * @param {(Option | Argument)} target
       * @param {string} value
       * @param {*} previous
       * @param {string} invalidArgumentMessage
       * @private
       */
      _callParseArg(target, value, previous, invalidArgumentMessage) {
        try {
          return target.parseArg(value, previous);
        } catch (err) {
          if (err.code === "commander.invalidArgument") {
            const message2 = `${invalidArgumentMessage} ${err.message}`;
            this.error(message2, { exitCode: err.exitCode, code: err.code });
          }
          throw err;
        }
      }
      /**
       * Check for option flag conflicts.
       * Register option if no conflicts found, or throw on conflict.
       *
       * @param {Option} option
       * @private
       */
      _registerOption(option) {
        const matchingOption = option.short && this._findOption(option.short) || option.long && this._findOption(option.long);
        if (matchingOption) {
          const matchingFlag = option.long && this._findOption(option.long) ? option.long : option.short;
          throw new Error(`Cannot add option '${option.flags}'${this._name && ` to command '${this._name}'`} due to conflicting flag '${matchingFlag}'
-  already used by option '${matchingOption.flags}'`);
        }
        this._initOptionGroup(option);
        this.options.push(option);
      }
      /**
       * Check for command name and alias conflicts with existing commands.
       * Register command if no conflicts found, or throw on conflict.
       *
       * @param {Command} command
       * @private
       */
      _registerCommand(command) {
        const knownBy = (cmd) => {
          return [cmd.name()].concat(cmd.aliases());
        };
        const alreadyUsed = knownBy(command).find(
          (name) => this._findCommand(name)
        );
        if (alreadyUsed) {
          const existingCmd = knownBy(this._findCommand(alreadyUsed)).join("|");
          const newCmd = knownBy(command).join("|");
          throw new Error(
            `cannot add command '${newCmd}' as already have command '${existingCmd}'`
          );
        }
        this._initCommandGroup(command);
        this.commands.push(command);
      }
      /**
       * Add an option.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addOption(option) {
        this._registerOption(option);
        const oname = option.name();
        const name = option.attributeName();
        if (option.negate) {
          const positiveLongFlag = option.long.replace(/^--no-/, "--");
          if (!this._findOption(positiveLongFlag)) {
            this.setOptionValueWithSource(
              name,
              option.defaultValue === void 0 ? true : option.defaultValue,
              "default"
            );
          }
        } else if (option.defaultValue !== void 0) {
          this.setOptionValueWithSource(name, option.defaultValue, "default");
        }
        const handleOptionValue = (val, invalidValueMessage, valueSource) => {
          if (val == null && option.presetArg !== void 0) {
            val = option.presetArg;
          }
          const oldValue = this.getOptionValue(name);
          if (val !== null && option.parseArg) {
            val = this._callParseArg(option, val, oldValue, invalidValueMessage);
          } else if (val !== null && option.variadic) {
            val = option._collectValue(val, oldValue);
          }
          if (val == null) {
            if (option.negate) {
              val = false;
            } else if (option.isBoolean() || option.optional) {
              val = true;
            } else {
              val = "";
            }
          }
          this.setOptionValueWithSource(name, val, valueSource);
        };
        this.on("option:" + oname, (val) => {
          const invalidValueMessage = `error: option '${option.flags}' argument '${val}' is invalid.`;
          handleOptionValue(val, invalidValueMessage, "cli");
        });
        if (option.envVar) {
          this.on("optionEnv:" + oname, (val) => {
            const invalidValueMessage = `error: option '${option.flags}' value '${val}' from env '${option.envVar}' is invalid.`;
            handleOptionValue(val, invalidValueMessage, "env");
          });
        }
        return this;
      }
      /**
       * Internal implementation shared by .option() and .requiredOption()
       *
       * @return {Command} `this` command for chaining
       * @private
       */
      _optionEx(config, flags, description, fn, defaultValue) {
        if (typeof flags === "object" && flags instanceof Option2) {
          throw new Error(
            "To add an Option object use addOption() instead of option() or requiredOption()"
          );
        }
        const option = this.createOption(flags, description);
        option.makeOptionMandatory(!!config.mandatory);
        if (typeof fn === "function") {
          option.default(defaultValue).argParser(fn);
        } else if (fn instanceof RegExp) {
          const regex = fn;
          fn = (val, def) => {
            const m = regex.exec(val);
            return m ? m[0] : def;
          };
          option.default(defaultValue).argParser(fn);
        } else {
          option.default(fn);
        }
        return this.addOption(option);
      }
      /**
       * Define option with `flags`, `description`, and optional argument parsing function or `defaultValue` or both.
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space. A required
       * option-argument is indicated by `<>` and an optional option-argument by `[]`.
       *
       * See the README for more details, and see also addOption() and requiredOption().
       *
       * @example
       * program
       *     .option('-p, --pepper', 'add pepper')
       *     .option('--pt, --pizza-type <TYPE>', 'type of pizza') // required option-argument
       *     .option('-c, --cheese [CHEESE]', 'add extra cheese', 'mozzarella') // optional option-argument with default
       *     .option('-t, --tip <VALUE>', 'add tip to purchase cost', parseFloat) // custom parse function
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      option(flags, description, parseArg, defaultValue) {
        return this._optionEx({}, flags, description, parseArg, defaultValue);
      }
      /**
       * Add a required option which must have a value after parsing. This usually means
       * the option must be specified on the command line. (Otherwise the same as .option().)
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space.
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      requiredOption(flags, description, parseArg, defaultValue) {
        return this._optionEx(
          { mandatory: true },
          flags,
          description,
          parseArg,
          defaultValue
        );
      }
      /**
       * Alter parsing of short flags with optional values.
       *
       * @example
       * // for `.option('-f,--flag [value]'):
       * program.combineFlagAndOptionalValue(true);  // `-f80` is treated like `--flag=80`, this is the default behaviour
       * program.combineFlagAndOptionalValue(false) // `-fb` is treated like `-f -b`
       *
       * @param {boolean} [combine] - if `true` or omitted, an optional value can be specified directly after the flag.
       * @return {Command} `this` command for chaining
       */
      combineFlagAndOptionalValue(combine = true) {
        this._combineFlagAndOptionalValue = !!combine;
        return this;
      }
      /**
       * Allow unknown options on the command line.
       *
       * @param {boolean} [allowUnknown] - if `true` or omitted, no error will be thrown for unknown options.
       * @return {Command} `this` command for chaining
       */
      allowUnknownOption(allowUnknown = true) {
        this._allowUnknownOption = !!allowUnknown;
        return this;
      }
      /**
       * Allow excess command-arguments on the command line. Pass false to make excess arguments an error.
       *
       * @param {boolean} [allowExcess] - if `true` or omitted, no error will be thrown for excess arguments.
       * @return {Command} `this` command for chaining
       */
      allowExcessArguments(allowExcess = true) {
        this._allowExcessArguments = !!allowExcess;
        return this;
      }
      /**
       * Enable positional options. Positional means global options are specified before subcommands which lets
       * subcommands reuse the same option names, and also enables subcommands to turn on passThroughOptions.
       * The default behaviour is non-positional and global options may appear anywhere on the command line.
       *
       * @param {boolean} [positional]
       * @return {Command} `this` command for chaining
       */
      enablePositionalOptions(positional = true) {
        this._enablePositionalOptions = !!positional;
        return this;
      }
      /**
       * Pass through options that come after command-arguments rather than treat them as command-options,
       * so actual command-options come before command-arguments. Turning this on for a subcommand requires
       * positional options to have been enabled on the program (parent commands).
       * The default behaviour is non-positional and options may appear before or after command-arguments.
       *
       * @param {boolean} [passThrough] for unknown options.
       * @return {Command} `this` command for chaining
       */
      passThroughOptions(passThrough = true) {
        this._passThroughOptions = !!passThrough;
        this._checkForBrokenPassThrough();
        return this;
      }
      /**
       * @private
       */
      _checkForBrokenPassThrough() {
        if (this.parent && this._passThroughOptions && !this.parent._enablePositionalOptions) {
          throw new Error(
            `passThroughOptions cannot be used for '${this._name}' without turning on enablePositionalOptions for parent command(s)`
          );
        }
      }
      /**
       * Whether to store option values as properties on command object,
       * or store separately (specify false). In both cases the option values can be accessed using .opts().
       *
       * @param {boolean} [storeAsProperties=true]
       * @return {Command} `this` command for chaining
       */
      storeOptionsAsProperties(storeAsProperties = true) {
        if (this.options.length) {
          throw new Error("call .storeOptionsAsProperties() before adding options");
        }
        if (Object.keys(this._optionValues).length) {
          throw new Error(
            "call .storeOptionsAsProperties() before setting option values"
          );
        }
        this._storeOptionsAsProperties = !!storeAsProperties;
        return this;
      }
      /**
       * Retrieve option value.
       *
       * @param {string} key
       * @return {object} value
       */
      getOptionValue(key) {
        if (this._storeOptionsAsProperties) {
          return this[key];
        }
        return this._optionValues[key];
      }
      /**
       * Store option value.
       *
       * @param {string} key
       * @param {object} value
       * @return {Command} `this` command for chaining
       */
      setOptionValue(key, value) {
        return this.setOptionValueWithSource(key, value, void 0);
      }
      /**
       * Store option value and where the value came from.
       *
       * @param {string} key
       * @param {object} value
       * @param {string} source - expected values are default/config/env/cli/implied
       * @return {Command} `this` command for chaining
       */
      setOptionValueWithSource(key, value, source) {
        if (this._storeOptionsAsProperties) {
          this[key] = value;
        } else {
          this._optionValues[key] = value;
        }
        this._optionValueSources[key] = source;
        return this;
      }
      /**
       * Get source of option value.
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSource(key) {
        return this._optionValueSources[key];
      }
      /**
       * Get source of option value. See also .optsWithGlobals().
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSourceWithGlobals(key) {
        let source;
        this._getCommandAndAncestors().forEach((cmd) => {
          if (cmd.getOptionValueSource(key) !== void 0) {
            source = cmd.getOptionValueSource(key);
          }
        });
        return source;
      }
      /**
       * Get user arguments from implied or explicit arguments.
       * Side-effects: set _scriptPath if args included script. Used for default program name, and subcommand searches.
       *
       * @private
       */
      _prepareUserArgs(argv, parseOptions) {
        if (argv !== void 0 && !Array.isArray(argv)) {
          throw new Error("first parameter to parse must be array or undefined");
        }
        parseOptions = parseOptions || {};
        if (argv === void 0 && parseOptions.from === void 0) {
          if (process2.versions?.electron) {
            parseOptions.from = "electron";
          }
          const execArgv = process2.execArgv ?? [];
          if (execArgv.includes("-e") || execArgv.includes("--eval") || execArgv.includes("-p") || execArgv.includes("--print")) {
            parseOptions.from = "eval";
          }
        }
        if (argv === void 0) {
          argv = process2.argv;
        }
        this.rawArgs = argv.slice();
        let userArgs;
        switch (parseOptions.from) {
          case void 0:
          case "node":
            this._scriptPath = argv[1];
            userArgs = argv.slice(2);
            break;
          case "electron":
            if (process2.defaultApp) {
              this._scriptPath = argv[1];
              userArgs = argv.slice(2);
            } else {
              userArgs = argv.slice(1);
            }
            break;
          case "user":
            userArgs = argv.slice(0);
            break;
          case "eval":
            userArgs = argv.slice(1);
            break;
          default:
            throw new Error(
              `unexpected parse option { from: '${parseOptions.from}' }`
            );
        }
        if (!this._name && this._scriptPath)
          this.nameFromFilename(this._scriptPath);
        this._name = this._name || "program";
        return userArgs;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Use parseAsync instead of parse if any of your action handlers are async.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * program.parse(); // parse process.argv and auto-detect electron and special node flags
       * program.parse(process.argv); // assume argv[0] is app and argv[1] is script
       * program.parse(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv] - optional, defaults to process.argv
       * @param {object} [parseOptions] - optionally specify style of options with from: node/user/electron
       * @param {string} [parseOptions.from] - where the args are from: 'node', 'user', 'electron'
       * @return {Command} `this` command for chaining
       */
      parse(argv, parseOptions) {
        this._prepareForParse();
        const userArgs = this._prepareUserArgs(argv, parseOptions);
        this._parseCommand([], userArgs);
        return this;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * await program.parseAsync(); // parse process.argv and auto-detect electron and special node flags
       * await program.parseAsync(process.argv); // assume argv[0] is app and argv[1] is script
       * await program.parseAsync(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv]
       * @param {object} [parseOptions]
       * @param {string} parseOptions.from - where the args are from: 'node', 'user', 'electron'
       * @return {Promise}
       */
      async parseAsync(argv, parseOptions) {
        this._prepareForParse();
        const userArgs = this._prepareUserArgs(argv, parseOptions);
        await this._parseCommand([], userArgs);
        return this;
      }
      _prepareForParse() {
        if (this._savedState === null) {
          this.saveStateBeforeParse();
        } else {
          this.restoreStateBeforeParse();
        }
      }
      /**
       * Called the first time parse is called to save state and allow a restore before subsequent calls to parse.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state saved.
       */
      saveStateBeforeParse() {
        this._savedState = {
          // name is stable if supplied by author, but may be unspecified for root command and deduced during parsing
          _name: this._name,
          // option values before parse have default values (including false for negated options)
          // shallow clones
          _optionValues: { ...this._optionValues },
          _optionValueSources: { ...this._optionValueSources }
        };
      }
      /**
       * Restore state before parse for calls after the first.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state restored.
       */
      restoreStateBeforeParse() {
        if (this._storeOptionsAsProperties)
          throw new Error(`Can not call parse again when storeOptionsAsProperties is true.
- either make a new Command for each call to parse, or stop storing options as properties`);
        this._name = this._savedState._name;
        this._scriptPath = null;
        this.rawArgs = [];
        this._optionValues = { ...this._savedState._optionValues };
        this._optionValueSources = { ...this._savedState._optionValueSources };
        this.args = [];
        this.processedArgs = [];
      }
      /**
       * Throw if expected executable is missing. Add lots of help for author.
       *
       * @param {string} executableFile
       * @param {string} executableDir
       * @param {string} subcommandName
       */
      _checkForMissingExecutable(executableFile, executableDir, subcommandName) {
        if (fs.existsSync(executableFile)) return;
        const executableDirMessage = executableDir ? `searched for local subcommand relative to directory '${executableDir}'` : "no directory for search for local subcommand, use .executableDir() to supply a custom directory";
        const executableMissing = `'${executableFile}' does not exist
 - if '${subcommandName}' is not meant to be an executable command, remove description parameter from '.command()' and use '.description()' instead
 - if the default executable name is not suitable, use the executableFile option to supply a custom name or path
 - ${executableDirMessage}`;
        throw new Error(executableMissing);
      }
      /**
       * Execute a sub-command executable.
       *
       * @private
       */
      _executeSubCommand(subcommand, args) {
        args = args.slice();
        let launchWithNode = false;
        const sourceExt = [".js", ".ts", ".tsx", ".mjs", ".cjs"];
        function findFile(baseDir, baseName) {
          const localBin = path5.resolve(baseDir, baseName);
          if (fs.existsSync(localBin)) return localBin;
          if (sourceExt.includes(path5.extname(baseName))) return void 0;
          const foundExt = sourceExt.find(
            (ext) => fs.existsSync(`${localBin}${ext}`)
          );
          if (foundExt) return `${localBin}${foundExt}`;
          return void 0;
        }
        this._checkForMissingMandatoryOptions();
        this._checkForConflictingOptions();
        let executableFile = subcommand._executableFile || `${this._name}-${subcommand._name}`;
        let executableDir = this._executableDir || "";
        if (this._scriptPath) {
          let resolvedScriptPath;
          try {
            resolvedScriptPath = fs.realpathSync(this._scriptPath);
          } catch {
            resolvedScriptPath = this._scriptPath;
          }
          executableDir = path5.resolve(
            path5.dirname(resolvedScriptPath),
            executableDir
          );
        }
        if (executableDir) {
          let localFile = findFile(executableDir, executableFile);
          if (!localFile && !subcommand._executableFile && this._scriptPath) {
            const legacyName = path5.basename(
              this._scriptPath,
              path5.extname(this._scriptPath)
            );
            if (legacyName !== this._name) {
              localFile = findFile(
                executableDir,
                `${legacyName}-${subcommand._name}`
              );
            }
          }
          executableFile = localFile || executableFile;
        }
        launchWithNode = sourceExt.includes(path5.extname(executableFile));
        let proc;
        if (process2.platform !== "win32") {
          if (launchWithNode) {
            args.unshift(executableFile);
            args = incrementNodeInspectorPort(process2.execArgv).concat(args);
            proc = childProcess.spawn(process2.argv[0], args, { stdio: "inherit" });
          } else {
            proc = childProcess.spawn(executableFile, args, { stdio: "inherit" });
          }
        } else {
          this._checkForMissingExecutable(
            executableFile,
            executableDir,
            subcommand._name
          );
          args.unshift(executableFile);
          args = incrementNodeInspectorPort(process2.execArgv).concat(args);
          proc = childProcess.spawn(process2.execPath, args, { stdio: "inherit" });
        }
        if (!proc.killed) {
          const signals = ["SIGUSR1", "SIGUSR2", "SIGTERM", "SIGINT", "SIGHUP"];
          signals.forEach((signal) => {
            process2.on(signal, () => {
              if (proc.killed === false && proc.exitCode === null) {
                proc.kill(signal);
              }
            });
          });
        }
        const exitCallback = this._exitCallback;
        proc.on("close", (code) => {
          code = code ?? 1;
          if (!exitCallback) {
            process2.exit(code);
          } else {
            exitCallback(
              new CommanderError2(
                code,
                "commander.executeSubCommandAsync",
                "(close)"
              )
            );
          }
        });
        proc.on("error", (err) => {
          if (err.code === "ENOENT") {
            this._checkForMissingExecutable(
              executableFile,
              executableDir,
              subcommand._name
            );
          } else if (err.code === "EACCES") {
            throw new Error(`'${executableFile}' not executable`);
          }
          if (!exitCallback) {
            process2.exit(1);
          } else {
            const wrappedError = new CommanderError2(
              1,
              "commander.executeSubCommandAsync",
              "(error)"
            );
            wrappedError.nestedError = err;
            exitCallback(wrappedError);
          }
        });
        this.runningCommand = proc;
      }
      /**
       * @private
       */
      _dispatchSubcommand(commandName, operands, unknown) {
        const subCommand = this._findCommand(commandName);
        if (!subCommand) this.help({ error: true });
        subCommand._prepareForParse();
        let promiseChain;
        promiseChain = this._chainOrCallSubCommandHook(
          promiseChain,
          subCommand,
          "preSubcommand"
        );
        promiseChain = this._chainOrCall(promiseChain, () => {
          if (subCommand._executableHandler) {
            this._executeSubCommand(subCommand, operands.concat(unknown));
          } else {
            return subCommand._parseCommand(operands, unknown);
          }
        });
        return promiseChain;
      }
      /**
       * Invoke help directly if possible, or dispatch if necessary.
       * e.g. help foo
       *
       * @private
       */
      _dispatchHelpCommand(subcommandName) {
        if (!subcommandName) {
          this.help();
        }
        const subCommand = this._findCommand(subcommandName);
        if (subCommand && !subCommand._executableHandler) {
          subCommand.help();
        }
        return this._dispatchSubcommand(
          subcommandName,
          [],
          [this._getHelpOption()?.long ?? this._getHelpOption()?.short ?? "--help"]
        );
      }
      /**
       * Check this.args against expected this.registeredArguments.
       *
       * @private
       */
      _checkNumberOfArguments() {
        this.registeredArguments.forEach((arg, i) => {
          if (arg.required && this.args[i] == null) {
            this.missingArgument(arg.name());
          }
        });
        if (this.registeredArguments.length > 0 && this.registeredArguments[this.registeredArguments.length - 1].variadic) {
          return;
        }
        if (this.args.length > this.registeredArguments.length) {
          this._excessArguments(this.args);
        }
      }
      /**
       * Process this.args using this.registeredArguments and save as this.processedArgs!
       *
       * @private
       */
      _processArguments() {
        const myParseArg = (argument, value, previous) => {
          let parsedValue = value;
          if (value !== null && argument.parseArg) {
            const invalidValueMessage = `error: command-argument value '${value}' is invalid for argument '${argument.name()}'.`;
            parsedValue = this._callParseArg(
              argument,
              value,
              previous,
              invalidValueMessage
            );
          }
          return parsedValue;
        };
        this._checkNumberOfArguments();
        const processedArgs = [];
        this.registeredArguments.forEach((declaredArg, index) => {
          let value = declaredArg.defaultValue;
          if (declaredArg.variadic) {
            if (index < this.args.length) {
              value = this.args.slice(index);
              if (declaredArg.parseArg) {
                value = value.reduce((processed, v) => {
                  return myParseArg(declaredArg, v, processed);
                }, declaredArg.defaultValue);
              }
            } else if (value === void 0) {
              value = [];
            }
          } else if (index < this.args.length) {
            value = this.args[index];
            if (declaredArg.parseArg) {
              value = myParseArg(declaredArg, value, declaredArg.defaultValue);
            }
          }
          processedArgs[index] = value;
        });
        this.processedArgs = processedArgs;
      }
      /**
       * Once we have a promise we chain, but call synchronously until then.
       *
       * @param {(Promise|undefined)} promise
       * @param {Function} fn
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCall(promise, fn) {
        if (promise?.then && typeof promise.then === "function") {
          return promise.then(() => fn());
        }
        return fn();
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallHooks(promise, event) {
        let result = promise;
        const hooks = [];
        this._getCommandAndAncestors().reverse().filter((cmd) => cmd._lifeCycleHooks[event] !== void 0).forEach((hookedCommand) => {
          hookedCommand._lifeCycleHooks[event].forEach((callback) => {
            hooks.push({ hookedCommand, callback });
          });
        });
        if (event === "postAction") {
          hooks.reverse();
        }
        hooks.forEach((hookDetail) => {
          result = this._chainOrCall(result, () => {
            return hookDetail.callback(hookDetail.hookedCommand, this);
          });
        });
        return result;
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {Command} subCommand
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallSubCommandHook(promise, subCommand, event) {
        let result = promise;
        if (this._lifeCycleHooks[event] !== void 0) {
          this._lifeCycleHooks[event].forEach((hook) => {
            result = this._chainOrCall(result, () => {
              return hook(this, subCommand);
            });
          });
        }
        return result;
      }
      /**
       * Process arguments in context of this command.
       * Returns action result, in case it is a promise.
       *
       * @private
       */
      _parseCommand(operands, unknown) {
        const parsed = this.parseOptions(unknown);
        this._parseOptionsEnv();
        this._parseOptionsImplied();
        operands = operands.concat(parsed.operands);
        unknown = parsed.unknown;
        this.args = operands.concat(unknown);
        if (operands && this._findCommand(operands[0])) {
          return this._dispatchSubcommand(operands[0], operands.slice(1), unknown);
        }
        if (this._getHelpCommand() && operands[0] === this._getHelpCommand().name()) {
          return this._dispatchHelpCommand(operands[1]);
        }
        if (this._defaultCommandName) {
          this._outputHelpIfRequested(unknown);
          return this._dispatchSubcommand(
            this._defaultCommandName,
            operands,
            unknown
          );
        }
        if (this.commands.length && this.args.length === 0 && !this._actionHandler && !this._defaultCommandName) {
          this.help({ error: true });
        }
        this._outputHelpIfRequested(parsed.unknown);
        this._checkForMissingMandatoryOptions();
        this._checkForConflictingOptions();
        const checkForUnknownOptions = () => {
          if (parsed.unknown.length > 0) {
            this.unknownOption(parsed.unknown[0]);
          }
        };
        const commandEvent = `command:${this.name()}`;
        if (this._actionHandler) {
          checkForUnknownOptions();
          this._processArguments();
          let promiseChain;
          promiseChain = this._chainOrCallHooks(promiseChain, "preAction");
          promiseChain = this._chainOrCall(
            promiseChain,
            () => this._actionHandler(this.processedArgs)
          );
          if (this.parent) {
            promiseChain = this._chainOrCall(promiseChain, () => {
              this.parent.emit(commandEvent, operands, unknown);
            });
          }
          promiseChain = this._chainOrCallHooks(promiseChain, "postAction");
          return promiseChain;
        }
        if (this.parent?.listenerCount(commandEvent)) {
          checkForUnknownOptions();
          this._processArguments();
          this.parent.emit(commandEvent, operands, unknown);
        } else if (operands.length) {
          if (this._findCommand("*")) {
            return this._dispatchSubcommand("*", operands, unknown);
          }
          if (this.listenerCount("command:*")) {
            this.emit("command:*", operands, unknown);
          } else if (this.commands.length) {
            this.unknownCommand();
          } else {
            checkForUnknownOptions();
            this._processArguments();
          }
        } else if (this.commands.length) {
          checkForUnknownOptions();
          this.help({ error: true });
        } else {
          checkForUnknownOptions();
          this._processArguments();
        }
      }
      /**
       * Find matching command.
       *
       * @private
       * @return {Command | undefined}
       */
      _findCommand(name) {
        if (!name) return void 0;
        return this.commands.find(
          (cmd) => cmd._name === name || cmd._aliases.includes(name)
        );
      }
      /**
       * Return an option matching `arg` if any.
       *
       * @param {string} arg
       * @return {Option}
       * @package
       */
      _findOption(arg) {
        return this.options.find((option) => option.is(arg));
      }
      /**
       * Display an error message if a mandatory option does not have a value.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForMissingMandatoryOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd.options.forEach((anOption) => {
            if (anOption.mandatory && cmd.getOptionValue(anOption.attributeName()) === void 0) {
              cmd.missingMandatoryOptionValue(anOption);
            }
          });
        });
      }
      /**
       * Display an error message if conflicting options are used together in this.
       *
       * @private
       */
      _checkForConflictingLocalOptions() {
        const definedNonDefaultOptions = this.options.filter((option) => {
          const optionKey = option.attributeName();
          if (this.getOptionValue(optionKey) === void 0) {
            return false;
          }
          return this.getOptionValueSource(optionKey) !== "default";
        });
        const optionsWithConflicting = definedNonDefaultOptions.filter(
          (option) => option.conflictsWith.length > 0
        );
        optionsWithConflicting.forEach((option) => {
          const conflictingAndDefined = definedNonDefaultOptions.find(
            (defined) => option.conflictsWith.includes(defined.attributeName())
          );
          if (conflictingAndDefined) {
            this._conflictingOption(option, conflictingAndDefined);
          }
        });
      }
      /**
       * Display an error message if conflicting options are used together.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForConflictingOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd._checkForConflictingLocalOptions();
        });
      }
      /**
       * Parse options from `argv` removing known options,
       * and return argv split into operands and unknown arguments.
       *
       * Side effects: modifies command by storing options. Does not reset state if called again.
       *
       * Examples:
       *
       *     argv => operands, unknown
       *     --known kkk op => [op], []
       *     op --known kkk => [op], []
       *     sub --unknown uuu op => [sub], [--unknown uuu op]
       *     sub -- --unknown uuu op => [sub --unknown uuu op], []
       *
       * @param {string[]} args
       * @return {{operands: string[], unknown: string[]}}
       */
      parseOptions(args) {
        const operands = [];
        const unknown = [];
        let dest = operands;
        function maybeOption(arg) {
          return arg.length > 1 && arg[0] === "-";
        }
        const negativeNumberArg = (arg) => {
          if (!/^-(\d+|\d*\.\d+)(e[+-]?\d+)?$/.test(arg)) return false;
          return !this._getCommandAndAncestors().some(
            (cmd) => cmd.options.map((opt) => opt.short).some((short) => /^-\d$/.test(short))
          );
        };
        let activeVariadicOption = null;
        let activeGroup = null;
        let i = 0;
        while (i < args.length || activeGroup) {
          const arg = activeGroup ?? args[i++];
          activeGroup = null;
          if (arg === "--") {
            if (dest === unknown) dest.push(arg);
            dest.push(...args.slice(i));
            break;
          }
          if (activeVariadicOption && (!maybeOption(arg) || negativeNumberArg(arg))) {
            this.emit(`option:${activeVariadicOption.name()}`, arg);
            continue;
          }
          activeVariadicOption = null;
          if (maybeOption(arg)) {
            const option = this._findOption(arg);
            if (option) {
              if (option.required) {
                const value = args[i++];
                if (value === void 0) this.optionMissingArgument(option);
                this.emit(`option:${option.name()}`, value);
              } else if (option.optional) {
                let value = null;
                if (i < args.length && (!maybeOption(args[i]) || negativeNumberArg(args[i]))) {
                  value = args[i++];
                }
                this.emit(`option:${option.name()}`, value);
              } else {
                this.emit(`option:${option.name()}`);
              }
              activeVariadicOption = option.variadic ? option : null;
              continue;
            }
          }
          if (arg.length > 2 && arg[0] === "-" && arg[1] !== "-") {
            const option = this._findOption(`-${arg[1]}`);
            if (option) {
              if (option.required || option.optional && this._combineFlagAndOptionalValue) {
                this.emit(`option:${option.name()}`, arg.slice(2));
              } else {
                this.emit(`option:${option.name()}`);
                activeGroup = `-${arg.slice(2)}`;
              }
              continue;
            }
          }
          if (/^--[^=]+=/.test(arg)) {
            const index = arg.indexOf("=");
            const option = this._findOption(arg.slice(0, index));
            if (option && (option.required || option.optional)) {
              this.emit(`option:${option.name()}`, arg.slice(index + 1));
              continue;
            }
          }
          if (dest === operands && maybeOption(arg) && !(this.commands.length === 0 && negativeNumberArg(arg))) {
            dest = unknown;
          }
          if ((this._enablePositionalOptions || this._passThroughOptions) && operands.length === 0 && unknown.length === 0) {
            if (this._findCommand(arg)) {
              operands.push(arg);
              unknown.push(...args.slice(i));
              break;
            } else if (this._getHelpCommand() && arg === this._getHelpCommand().name()) {
              operands.push(arg, ...args.slice(i));
              break;
            } else if (this._defaultCommandName) {
              unknown.push(arg, ...args.slice(i));
              break;
            }
          }
          if (this._passThroughOptions) {
            dest.push(arg, ...args.slice(i));
            break;
          }
          dest.push(arg);
        }
        return { operands, unknown };
      }
      /**
       * Return an object containing local option values as key-value pairs.
       *
       * @return {object}
       */
      opts() {
        if (this._storeOptionsAsProperties) {
          const result = {};
          const len = this.options.length;
          for (let i = 0; i < len; i++) {
            const key = this.options[i].attributeName();
            result[key] = key === this._versionOptionName ? this._version : this[key];
          }
          return result;
        }
        return this._optionValues;
      }
      /**
       * Return an object containing merged local and global option values as key-value pairs.
       *
       * @return {object}
       */
      optsWithGlobals() {
        return this._getCommandAndAncestors().reduce(
          (combinedOptions, cmd) => Object.assign(combinedOptions, cmd.opts()),
          {}
        );
      }
      /**
       * Display error message and exit (or call exitOverride).
       *
       * @param {string} message
       * @param {object} [errorOptions]
       * @param {string} [errorOptions.code] - an id string representing the error
       * @param {number} [errorOptions.exitCode] - used with process.exit
       */
      error(message2, errorOptions) {
        this._outputConfiguration.outputError(
          `${message2}
`,
          this._outputConfiguration.writeErr
        );
        if (typeof this._showHelpAfterError === "string") {
          this._outputConfiguration.writeErr(`${this._showHelpAfterError}
`);
        } else if (this._showHelpAfterError) {
          this._outputConfiguration.writeErr("\n");
          this.outputHelp({ error: true });
        }
        const config = errorOptions || {};
        const exitCode2 = config.exitCode || 1;
        const code = config.code || "commander.error";
        this._exit(exitCode2, code, message2);
      }
      /**
       * Apply any option related environment variables, if option does
       * not have a value from cli or client code.
       *
       * @private
       */
      _parseOptionsEnv() {
        this.options.forEach((option) => {
          if (option.envVar && option.envVar in process2.env) {
            const optionKey = option.attributeName();
            if (this.getOptionValue(optionKey) === void 0 || ["default", "config", "env"].includes(
              this.getOptionValueSource(optionKey)
            )) {
              if (option.required || option.optional) {
                this.emit(`optionEnv:${option.name()}`, process2.env[option.envVar]);
              } else {
                this.emit(`optionEnv:${option.name()}`);
              }
            }
          }
        });
      }
      /**
       * Apply any implied option values, if option is undefined or default value.
       *
       * @private
       */
      _parseOptionsImplied() {
        const dualHelper = new DualOptions(this.options);
        const hasCustomOptionValue = (optionKey) => {
          return this.getOptionValue(optionKey) !== void 0 && !["default", "implied"].includes(this.getOptionValueSource(optionKey));
        };
        this.options.filter(
          (option) => option.implied !== void 0 && hasCustomOptionValue(option.attributeName()) && dualHelper.valueFromOption(
            this.getOptionValue(option.attributeName()),
            option
          )
        ).forEach((option) => {
          Object.keys(option.implied).filter((impliedKey) => !hasCustomOptionValue(impliedKey)).forEach((impliedKey) => {
            this.setOptionValueWithSource(
              impliedKey,
              option.implied[impliedKey],
              "implied"
            );
          });
        });
      }
      /**
       * Argument `name` is missing.
       *
       * @param {string} name
       * @private
       */
      missingArgument(name) {
        const message2 = `error: missing required argument '${name}'`;
        this.error(message2, { code: "commander.missingArgument" });
      }
      /**
       * `Option` is missing an argument.
       *
       * @param {Option} option
       * @private
       */
      optionMissingArgument(option) {
        const message2 = `error: option '${option.flags}' argument missing`;
        this.error(message2, { code: "commander.optionMissingArgument" });
      }
      /**
       * `Option` does not have a value, and is a mandatory option.
       *
       * @param {Option} option
       * @private
       */
      missingMandatoryOptionValue(option) {
        const message2 = `error: required option '${option.flags}' not specified`;
        this.error(message2, { code: "commander.missingMandatoryOptionValue" });
      }
      /**
       * `Option` conflicts with another option.
       *
       * @param {Option} option
       * @param {Option} conflictingOption
       * @private
       */
      _conflictingOption(option, conflictingOption) {
        const findBestOptionFromValue = (option2) => {
          const optionKey = option2.attributeName();
          const optionValue = this.getOptionValue(optionKey);
          const negativeOption = this.options.find(
            (target) => target.negate && optionKey === target.attributeName()
          );
          const positiveOption = this.options.find(
            (target) => !target.negate && optionKey === target.attributeName()
          );
          if (negativeOption && (negativeOption.presetArg === void 0 && optionValue === false || negativeOption.presetArg !== void 0 && optionValue === negativeOption.presetArg)) {
            return negativeOption;
          }
          return positiveOption || option2;
        };
        const getErrorMessage = (option2) => {
          const bestOption = findBestOptionFromValue(option2);
          const optionKey = bestOption.attributeName();
          const source = this.getOptionValueSource(optionKey);
          if (source === "env") {
            return `environment variable '${bestOption.envVar}'`;
          }
          return `option '${bestOption.flags}'`;
        };
        const message2 = `error: ${getErrorMessage(option)} cannot be used with ${getErrorMessage(conflictingOption)}`;
        this.error(message2, { code: "commander.conflictingOption" });
      }
      /**
       * Unknown option `flag`.
       *
       * @param {string} flag
       * @private
       */
      unknownOption(flag) {
        if (this._allowUnknownOption) return;
        let suggestion = "";
        if (flag.startsWith("--") && this._showSuggestionAfterError) {
          let candidateFlags = [];
          let command = this;
          do {
            const moreFlags = command.createHelp().visibleOptions(command).filter((option) => option.long).map((option) => option.long);
            candidateFlags = candidateFlags.concat(moreFlags);
            command = command.parent;
          } while (command && !command._enablePositionalOptions);
          suggestion = suggestSimilar(flag, candidateFlags);
        }
        const message2 = `error: unknown option '${flag}'${suggestion}`;
        this.error(message2, { code: "commander.unknownOption" });
      }
      /**
       * Excess arguments, more than expected.
       *
       * @param {string[]} receivedArgs
       * @private
       */
      _excessArguments(receivedArgs) {
        if (this._allowExcessArguments) return;
        const expected = this.registeredArguments.length;
        const s = expected === 1 ? "" : "s";
        const forSubcommand = this.parent ? ` for '${this.name()}'` : "";
        const message2 = `error: too many arguments${forSubcommand}. Expected ${expected} argument${s} but got ${receivedArgs.length}.`;
        this.error(message2, { code: "commander.excessArguments" });
      }
      /**
       * Unknown command.
       *
       * @private
       */
      unknownCommand() {
        const unknownName = this.args[0];
        let suggestion = "";
        if (this._showSuggestionAfterError) {
          const candidateNames = [];
          this.createHelp().visibleCommands(this).forEach((command) => {
            candidateNames.push(command.name());
            if (command.alias()) candidateNames.push(command.alias());
          });
          suggestion = suggestSimilar(unknownName, candidateNames);
        }
        const message2 = `error: unknown command '${unknownName}'${suggestion}`;
        this.error(message2, { code: "commander.unknownCommand" });
      }
      /**
       * Get or set the program version.
       *
       * This method auto-registers the "-V, --version" option which will print the version number.
       *
       * You can optionally supply the flags and description to override the defaults.
       *
       * @param {string} [str]
       * @param {string} [flags]
       * @param {string} [description]
       * @return {(this | string | undefined)} `this` command for chaining, or version string if no arguments
       */
      version(str, flags, description) {
        if (str === void 0) return this._version;
        this._version = str;
        flags = flags || "-V, --version";
        description = description || "output the version number";
        const versionOption = this.createOption(flags, description);
        this._versionOptionName = versionOption.attributeName();
        this._registerOption(versionOption);
        this.on("option:" + versionOption.name(), () => {
          this._outputConfiguration.writeOut(`${str}
`);
          this._exit(0, "commander.version", str);
        });
        return this;
      }
      /**
       * Set the description.
       *
       * @param {string} [str]
       * @param {object} [argsDescription]
       * @return {(string|Command)}
       */
      description(str, argsDescription) {
        if (str === void 0 && argsDescription === void 0)
          return this._description;
        this._description = str;
        if (argsDescription) {
          this._argsDescription = argsDescription;
        }
        return this;
      }
      /**
       * Set the summary. Used when listed as subcommand of parent.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      summary(str) {
        if (str === void 0) return this._summary;
        this._summary = str;
        return this;
      }
      /**
       * Set an alias for the command.
       *
       * You may call more than once to add multiple aliases. Only the first alias is shown in the auto-generated help.
       *
       * @param {string} [alias]
       * @return {(string|Command)}
       */
      alias(alias) {
        if (alias === void 0) return this._aliases[0];
        let command = this;
        if (this.commands.length !== 0 && this.commands[this.commands.length - 1]._executableHandler) {
          command = this.commands[this.commands.length - 1];
        }
        if (alias === command._name)
          throw new Error("Command alias can't be the same as its name");
        const matchingCommand = this.parent?._findCommand(alias);
        if (matchingCommand) {
          const existingCmd = [matchingCommand.name()].concat(matchingCommand.aliases()).join("|");
          throw new Error(
            `cannot add alias '${alias}' to command '${this.name()}' as already have command '${existingCmd}'`
          );
        }
        command._aliases.push(alias);
        return this;
      }
      /**
       * Set aliases for the command.
       *
       * Only the first alias is shown in the auto-generated help.
       *
       * @param {string[]} [aliases]
       * @return {(string[]|Command)}
       */
      aliases(aliases) {
        if (aliases === void 0) return this._aliases;
        aliases.forEach((alias) => this.alias(alias));
        return this;
      }
      /**
       * Set / get the command usage `str`.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      usage(str) {
        if (str === void 0) {
          if (this._usage) return this._usage;
          const args = this.registeredArguments.map((arg) => {
            return humanReadableArgName(arg);
          });
          return [].concat(
            this.options.length || this._helpOption !== null ? "[options]" : [],
            this.commands.length ? "[command]" : [],
            this.registeredArguments.length ? args : []
          ).join(" ");
        }
        this._usage = str;
        return this;
      }
      /**
       * Get or set the name of the command.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      name(str) {
        if (str === void 0) return this._name;
        this._name = str;
        return this;
      }
      /**
       * Set/get the help group heading for this subcommand in parent command's help.
       *
       * @param {string} [heading]
       * @return {Command | string}
       */
      helpGroup(heading) {
        if (heading === void 0) return this._helpGroupHeading ?? "";
        this._helpGroupHeading = heading;
        return this;
      }
      /**
       * Set/get the default help group heading for subcommands added to this command.
       * (This does not override a group set directly on the subcommand using .helpGroup().)
       *
       * @example
       * program.commandsGroup('Development Commands:);
       * program.command('watch')...
       * program.command('lint')...
       * ...
       *
       * @param {string} [heading]
       * @returns {Command | string}
       */
      commandsGroup(heading) {
        if (heading === void 0) return this._defaultCommandGroup ?? "";
        this._defaultCommandGroup = heading;
        return this;
      }
      /**
       * Set/get the default help group heading for options added to this command.
       * (This does not override a group set directly on the option using .helpGroup().)
       *
       * @example
       * program
       *   .optionsGroup('Development Options:')
       *   .option('-d, --debug', 'output extra debugging')
       *   .option('-p, --profile', 'output profiling information')
       *
       * @param {string} [heading]
       * @returns {Command | string}
       */
      optionsGroup(heading) {
        if (heading === void 0) return this._defaultOptionGroup ?? "";
        this._defaultOptionGroup = heading;
        return this;
      }
      /**
       * @param {Option} option
       * @private
       */
      _initOptionGroup(option) {
        if (this._defaultOptionGroup && !option.helpGroupHeading)
          option.helpGroup(this._defaultOptionGroup);
      }
      /**
       * @param {Command} cmd
       * @private
       */
      _initCommandGroup(cmd) {
        if (this._defaultCommandGroup && !cmd.helpGroup())
          cmd.helpGroup(this._defaultCommandGroup);
      }
      /**
       * Set the name of the command from script filename, such as process.argv[1],
       * or require.main.filename, or __filename.
       *
       * (Used internally and public although not documented in README.)
       *
       * @example
       * program.nameFromFilename(require.main.filename);
       *
       * @param {string} filename
       * @return {Command}
       */
      nameFromFilename(filename) {
        this._name = path5.basename(filename, path5.extname(filename));
        return this;
      }
      /**
       * Get or set the directory for searching for executable subcommands of this command.
       *
       * @example
       * program.executableDir(__dirname);
       * // or
       * program.executableDir('subcommands');
       *
       * @param {string} [path]
       * @return {(string|null|Command)}
       */
      executableDir(path6) {
        if (path6 === void 0) return this._executableDir;
        this._executableDir = path6;
        return this;
      }
      /**
       * Return program help documentation.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to wrap for stderr instead of stdout
       * @return {string}
       */
      helpInformation(contextOptions) {
        const helper = this.createHelp();
        const context = this._getOutputContext(contextOptions);
        helper.prepareContext({
          error: context.error,
          helpWidth: context.helpWidth,
          outputHasColors: context.hasColors
        });
        const text = helper.formatHelp(this, helper);
        if (context.hasColors) return text;
        return this._outputConfiguration.stripColor(text);
      }
      /**
       * @typedef HelpContext
       * @type {object}
       * @property {boolean} error
       * @property {number} helpWidth
       * @property {boolean} hasColors
       * @property {function} write - includes stripColor if needed
       *
       * @returns {HelpContext}
       * @private
       */
      _getOutputContext(contextOptions) {
        contextOptions = contextOptions || {};
        const error = !!contextOptions.error;
        let baseWrite;
        let hasColors;
        let helpWidth;
        if (error) {
          baseWrite = (str) => this._outputConfiguration.writeErr(str);
          hasColors = this._outputConfiguration.getErrHasColors();
          helpWidth = this._outputConfiguration.getErrHelpWidth();
        } else {
          baseWrite = (str) => this._outputConfiguration.writeOut(str);
          hasColors = this._outputConfiguration.getOutHasColors();
          helpWidth = this._outputConfiguration.getOutHelpWidth();
        }
        const write = (str) => {
          if (!hasColors) str = this._outputConfiguration.stripColor(str);
          return baseWrite(str);
        };
        return { error, write, hasColors, helpWidth };
      }
      /**
       * Output help information for this command.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean } | Function} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      outputHelp(contextOptions) {
        let deprecatedCallback;
        if (typeof contextOptions === "function") {
          deprecatedCallback = contextOptions;
          contextOptions = void 0;
        }
        const outputContext = this._getOutputContext(contextOptions);
        const eventContext = {
          error: outputContext.error,
          write: outputContext.write,
          command: this
        };
        this._getCommandAndAncestors().reverse().forEach((command) => command.emit("beforeAllHelp", eventContext));
        this.emit("beforeHelp", eventContext);
        let helpInformation = this.helpInformation({ error: outputContext.error });
        if (deprecatedCallback) {
          helpInformation = deprecatedCallback(helpInformation);
          if (typeof helpInformation !== "string" && !Buffer.isBuffer(helpInformation)) {
            throw new Error("outputHelp callback must return a string or a Buffer");
          }
        }
        outputContext.write(helpInformation);
        if (this._getHelpOption()?.long) {
          this.emit(this._getHelpOption().long);
        }
        this.emit("afterHelp", eventContext);
        this._getCommandAndAncestors().forEach(
          (command) => command.emit("afterAllHelp", eventContext)
        );
      }
      /**
       * You can pass in flags and a description to customise the built-in help option.
       * Pass in false to disable the built-in help option.
       *
       * @example
       * program.helpOption('-?, --help' 'show help'); // customise
       * program.helpOption(false); // disable
       *
       * @param {(string | boolean)} flags
       * @param {string} [description]
       * @return {Command} `this` command for chaining
       */
      helpOption(flags, description) {
        if (typeof flags === "boolean") {
          if (flags) {
            if (this._helpOption === null) this._helpOption = void 0;
            if (this._defaultOptionGroup) {
              this._initOptionGroup(this._getHelpOption());
            }
          } else {
            this._helpOption = null;
          }
          return this;
        }
        this._helpOption = this.createOption(
          flags ?? "-h, --help",
          description ?? "display help for command"
        );
        if (flags || description) this._initOptionGroup(this._helpOption);
        return this;
      }
      /**
       * Lazy create help option.
       * Returns null if has been disabled with .helpOption(false).
       *
       * @returns {(Option | null)} the help option
       * @package
       */
      _getHelpOption() {
        if (this._helpOption === void 0) {
          this.helpOption(void 0, void 0);
        }
        return this._helpOption;
      }
      /**
       * Supply your own option to use for the built-in help option.
       * This is an alternative to using helpOption() to customise the flags and description etc.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addHelpOption(option) {
        this._helpOption = option;
        this._initOptionGroup(option);
        return this;
      }
      /**
       * Output help information and exit.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      help(contextOptions) {
        this.outputHelp(contextOptions);
        let exitCode2 = Number(process2.exitCode ?? 0);
        if (exitCode2 === 0 && contextOptions && typeof contextOptions !== "function" && contextOptions.error) {
          exitCode2 = 1;
        }
        this._exit(exitCode2, "commander.help", "(outputHelp)");
      }
      /**
       * // Do a little typing to coordinate emit and listener for the help text events.
       * @typedef HelpTextEventContext
       * @type {object}
       * @property {boolean} error
       * @property {Command} command
       * @property {function} write
       */
      /**
       * Add additional text to be displayed with the built-in help.
       *
       * Position is 'before' or 'after' to affect just this command,
       * and 'beforeAll' or 'afterAll' to affect this command and all its subcommands.
       *
       * @param {string} position - before or after built-in help
       * @param {(string | Function)} text - string to add, or a function returning a string
       * @return {Command} `this` command for chaining
       */
      addHelpText(position, text) {
        const allowedValues = ["beforeAll", "before", "after", "afterAll"];
        if (!allowedValues.includes(position)) {
          throw new Error(`Unexpected value for position to addHelpText.
Expecting one of '${allowedValues.join("', '")}'`);
        }
        const helpEvent = `${position}Help`;
        this.on(helpEvent, (context) => {
          let helpStr;
          if (typeof text === "function") {
            helpStr = text({ error: context.error, command: context.command });
          } else {
            helpStr = text;
          }
          if (helpStr) {
            context.write(`${helpStr}
`);
          }
        });
        return this;
      }
      /**
       * Output help information if help flags specified
       *
       * @param {Array} args - array of options to search for help flags
       * @private
       */
      _outputHelpIfRequested(args) {
        const helpOption = this._getHelpOption();
        const helpRequested = helpOption && args.find((arg) => helpOption.is(arg));
        if (helpRequested) {
          this.outputHelp();
          this._exit(0, "commander.helpDisplayed", "(outputHelp)");
        }
      }
    };
    function incrementNodeInspectorPort(args) {
      return args.map((arg) => {
        if (!arg.startsWith("--inspect")) {
          return arg;
        }
        let debugOption;
        let debugHost = "127.0.0.1";
        let debugPort = "9229";
        let match;
        if ((match = arg.match(/^(--inspect(-brk)?)$/)) !== null) {
          debugOption = match[1];
        } else if ((match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+)$/)) !== null) {
          debugOption = match[1];
          if (/^\d+$/.test(match[3])) {
            debugPort = match[3];
          } else {
            debugHost = match[3];
          }
        } else if ((match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+):(\d+)$/)) !== null) {
          debugOption = match[1];
          debugHost = match[3];
          debugPort = match[4];
        }
        if (debugOption && debugPort !== "0") {
          return `${debugOption}=${debugHost}:${parseInt(debugPort) + 1}`;
        }
        return arg;
      });
    }
    function useColor() {
      if (process2.env.NO_COLOR || process2.env.FORCE_COLOR === "0" || process2.env.FORCE_COLOR === "false")
        return false;
      if (process2.env.FORCE_COLOR || process2.env.CLICOLOR_FORCE !== void 0)
        return true;
      return void 0;
    }
    exports.Command = Command2;
    exports.useColor = useColor;
  }
});

// node_modules/commander/index.js
var require_commander = __commonJS({
  "node_modules/commander/index.js"(exports) {
    var { Argument: Argument2 } = require_argument();
    var { Command: Command2 } = require_command();
    var { CommanderError: CommanderError2, InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var { Help: Help2 } = require_help();
    var { Option: Option2 } = require_option();
    exports.program = new Command2();
    exports.createCommand = (name) => new Command2(name);
    exports.createOption = (flags, description) => new Option2(flags, description);
    exports.createArgument = (name, description) => new Argument2(name, description);
    exports.Command = Command2;
    exports.Option = Option2;
    exports.Argument = Argument2;
    exports.Help = Help2;
    exports.CommanderError = CommanderError2;
    exports.InvalidArgumentError = InvalidArgumentError2;
    exports.InvalidOptionArgumentError = InvalidArgumentError2;
  }
});

// src/git/open.ts
import { existsSync, realpathSync, rmSync } from "node:fs";
import { appendFile, lstat, mkdir, mkdtemp as mkdtemp3, readlink, realpath, rm as rm3, writeFile as writeFile3 } from "node:fs/promises";
import os3 from "node:os";
import path3 from "node:path";

// src/git/repository.ts
import { mkdtemp as mkdtemp2, rm as rm2, writeFile as writeFile2 } from "node:fs/promises";
import os2 from "node:os";
import path2 from "node:path";

// src/git/runner.ts
import { spawn } from "node:child_process";
var DROPPED_ENV = [
  "EDITOR",
  "VISUAL",
  "GIT_EDITOR",
  "GIT_SEQUENCE_EDITOR",
  "PAGER",
  "GIT_PAGER",
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_INDEX_FILE",
  "GIT_AUTHOR_DATE",
  "GIT_COMMITTER_DATE"
];
var ALLOWED_PROTOCOLS = "file:git:http:https:ssh";
function gitEnvironment(identity, options = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== void 0) env[key] = value;
  for (const key of DROPPED_ENV) delete env[key];
  Object.assign(env, {
    GIT_TERMINAL_PROMPT: "0",
    GIT_ALLOW_PROTOCOL: env.GIT_ALLOW_PROTOCOL ?? ALLOWED_PROTOCOLS,
    LC_ALL: "C",
    GIT_AUTHOR_NAME: identity.name,
    GIT_AUTHOR_EMAIL: identity.email,
    GIT_COMMITTER_NAME: identity.name,
    GIT_COMMITTER_EMAIL: identity.email
  });
  const settings = [];
  const { credentials } = options;
  if (credentials !== void 0) {
    const basic = Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64");
    registerSecret(credentials.password);
    registerSecret(basic);
    const key = `http.${credentials.origin}/.extraheader`;
    settings.push([key, ""], [key, `AUTHORIZATION: basic ${basic}`]);
  }
  settings.push(...Object.entries(options.config ?? {}));
  let index = Number.parseInt(env.GIT_CONFIG_COUNT ?? "0", 10) || 0;
  for (const [key, value] of settings) {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
    index += 1;
  }
  if (settings.length > 0) env.GIT_CONFIG_COUNT = String(index);
  return env;
}
function httpOrigin(remote) {
  if (!/^https?:\/\//i.test(remote)) return void 0;
  try {
    return new URL(remote).origin;
  } catch {
    return void 0;
  }
}
var GitRunner = class {
  constructor(cwd, env, options = {}) {
    this.cwd = cwd;
    this.env = env;
    this.options = options;
  }
  cwd;
  env;
  options;
  /** Output of `git <args>` (untrimmed); throws GIT_FAILED with the masked message. */
  async run(args) {
    const result = await this.exec(args);
    if (result.code !== 0) throw this.failure(args, result.message);
    return result.stdout;
  }
  /** Like `run`, but hands git's masked error text to `classify` first (push rejections). */
  async runOr(args, classify, extraEnv) {
    const result = await this.exec(args, extraEnv);
    if (result.code === 0) return result.stdout;
    this.options.signal?.throwIfAborted();
    const classified = classify(maskSecrets(result.message));
    if (classified !== void 0) return classified;
    throw this.failure(args, result.message);
  }
  /**
   * One git process: stdin closed (git never waits on it), stdout and stderr collected. Aborting
   * the signal kills it; the transport helpers it started get SIGTERM from the signal handler
   * (src/cli/output.ts). `message` is stdout then stderr, as git prints a failure across both
   * (`push --porcelain` puts the rejected ref on stdout).
   */
  exec(args, extraEnv) {
    const { signal } = this.options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const env = extraEnv === void 0 ? this.env : { ...this.env, ...extraEnv };
      const child = spawn("git", args, { cwd: this.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
      const out = [];
      const err = [];
      child.stdout.on("data", (chunk) => out.push(chunk));
      child.stderr.on("data", (chunk) => err.push(chunk));
      const onAbort = () => child.kill("SIGTERM");
      signal?.addEventListener("abort", onAbort, { once: true });
      child.on("error", (error) => {
        signal?.removeEventListener("abort", onAbort);
        reject(this.failure(args, error.message));
      });
      child.on("close", (code, killedBy) => {
        signal?.removeEventListener("abort", onAbort);
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const stdout = Buffer.concat(out).toString("utf8");
        const stderr = Buffer.concat(err).toString("utf8");
        resolve({
          code: code ?? 128,
          stdout,
          message: `${stdout}${stderr}` || (killedBy ? `killed by ${killedBy}` : `exit code ${code}`)
        });
      });
    });
  }
  /**
   * A command that talks to the remote (clone, fetch, push, ls-remote): a refused or reset
   * connection, a stalled transfer, a 5xx or an answer git cannot read is tried again with backoff
   * (src/retry.ts); an authentication failure or a missing branch is not.
   */
  async runRemote(args, classify = () => void 0) {
    let attempts = 0;
    try {
      return await withRetries(
        async () => {
          attempts += 1;
          return this.runOr(args, classify);
        },
        {
          isTransient: (error) => error instanceof GitcanaryError && isTransientGitFailure(error.message),
          policy: this.options.retry,
          signal: this.options.signal
        }
      );
    } catch (error) {
      if (attempts > 1 && error instanceof GitcanaryError && error.code === "GIT_FAILED") {
        throw new GitcanaryError("GIT_FAILED", `${error.message} (tried ${attempts} times)`, {
          hint: "the git remote is down, slow or answering errors; run again when it is back"
        });
      }
      throw error;
    }
  }
  failure(args, message2) {
    if (this.options.signal?.aborted) return this.options.signal.reason;
    return gitFailure(args, message2);
  }
};
var TRANSIENT_GIT = new RegExp(
  [
    "Could not resolve host",
    "Failed to connect to",
    "Connection refused",
    "Connection reset",
    "Connection timed out",
    "Operation too slow",
    "Operation timed out",
    "Empty reply from server",
    "The requested URL returned error: (5\\d\\d|429|408)",
    "RPC failed",
    "early EOF",
    "the remote end hung up unexpectedly",
    "unexpected disconnect",
    "transfer closed with",
    "Recv failure",
    "SSL_read|SSL_connect|GnuTLS|gnutls_handshake",
    "HTTP/2 stream",
    "protocol error",
    "bad line length",
    "invalid server response",
    "is this a git repository\\?",
    "expected flush after ref listing"
  ].join("|")
);
function isTransientGitFailure(message2) {
  return TRANSIENT_GIT.test(message2);
}
function gitFailure(args, message2) {
  const text = message2.trim().replace(/\n+/g, "; ");
  const command = args.find((arg, i) => arg !== "-c" && args[i - 1] !== "-c") ?? "";
  return new GitcanaryError("GIT_FAILED", maskSecrets(`git ${command} failed: ${text}`));
}
var CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
function assertNotOption(what, value) {
  if (value === "" || value.startsWith("-") || CONTROL_CHARACTERS.test(value)) {
    throw new GitcanaryError("USAGE", `${what} ${JSON.stringify(maskSecrets(value))} is not valid`, {
      field: what,
      hint: `${what} must be non-empty, on one line and not start with "-"`
    });
  }
}

// src/git/lease.ts
var LEASE_PREFIX = "refs/gitcanary/lease/";
var HOLDER = "Gitcanary-Lease-Holder";
var EXPIRES = "Gitcanary-Lease-Expires";
var LEASE_REJECTED = /\[rejected\]|\[remote rejected\]/;
var EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
var LeaseMoved = class extends Error {
};
var ReleaseLeases = class {
  constructor(git) {
    this.git = git;
  }
  git;
  /**
   * The lease of `release` on the remote now, or undefined when nobody holds one. `fetched`: as the
   * repository's last fetch brought it (Repository.fetch brings every lease with the branch), with
   * no round trip of its own.
   */
  async read(release, options = {}) {
    const ref = leaseRef(release);
    if (options.fetched !== true) {
      await this.git.runRemote([
        "fetch",
        "--no-tags",
        "--quiet",
        "--prune",
        "origin",
        `+${LEASE_PREFIX}*:${LEASE_PREFIX}*`
      ]);
    }
    const listed = await this.git.run(["for-each-ref", "--format=%(objectname)%00%(contents)", ref]);
    const at = listed.indexOf("\0");
    if (at < 0) return void 0;
    const sha = listed.slice(0, at).trim();
    const message2 = listed.slice(at + 1);
    const field2 = (name) => new RegExp(`^${name}: (.+)$`, "m").exec(message2)?.[1]?.trim();
    return { holder: field2(HOLDER) ?? "unknown", expires: field2(EXPIRES) ?? (/* @__PURE__ */ new Date(0)).toISOString(), sha };
  }
  /**
   * Writes the lease while the remote's is still `expected` (undefined: while there is none);
   * returns the new lease. Throws LeaseMoved when another driver wrote or removed it first.
   */
  async write(release, holder, expires, expected) {
    const ref = leaseRef(release);
    const tree = EMPTY_TREE;
    const oneLine = holder.replace(/[\u0000-\u001f\u007f]+/g, " ").trim() || "unknown";
    const message2 = `gitcanary lease of ${release}

${HOLDER}: ${oneLine}
${EXPIRES}: ${expires.toISOString()}
`;
    const sha = (await this.git.run(["commit-tree", "--no-gpg-sign", tree, "-m", message2])).trim();
    await this.#push(ref, `${sha}:${ref}`, expected);
    return { holder: oneLine, expires: expires.toISOString(), sha };
  }
  /** Removes the lease while it is still `expected` (the holder's own); LeaseMoved otherwise. */
  async remove(release, expected) {
    const ref = leaseRef(release);
    await this.#push(ref, `:${ref}`, expected);
  }
  async #push(ref, refspec, expected) {
    if (expected !== void 0) assertNotOption("revision", expected);
    const pushed = await this.git.runRemote(
      ["push", "--porcelain", `--force-with-lease=${ref}:${expected ?? ""}`, "origin", refspec],
      (message2) => LEASE_REJECTED.test(message2) ? new LeaseMoved(message2) : void 0
    );
    if (pushed instanceof LeaseMoved) throw pushed;
  }
};
function leaseRef(release) {
  const ref = `${LEASE_PREFIX}${release}`;
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(release)) {
    throw new GitcanaryError("INTERNAL", `release name ${release} cannot name a lease ref`);
  }
  return ref;
}

// src/git/notes.ts
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
var NOTES_REF = "refs/notes/gitcanary";
var WITH_NOTE_BLOBS = ["-c", "remote.origin.partialclonefilter=blob:limit=1m"];
var PUSH_REJECTED = /\[rejected\]|\[remote rejected\]/;
var MISSING_REMOTE_REF = /couldn't find remote ref/i;
var NO_NOTE = /no note found/i;
var NotesPushRejected = class extends Error {
};
var ReleaseNotes = class {
  constructor(git) {
    this.git = git;
  }
  git;
  /** Makes the local notes ref the remote's (none when the remote has no notes yet). */
  async fetch() {
    const fetched = await this.git.runOr(
      [...WITH_NOTE_BLOBS, "fetch", "--verbose", "--no-tags", "origin", `+${NOTES_REF}:${NOTES_REF}`],
      (message2) => MISSING_REMOTE_REF.test(message2) ? "missing" : void 0
    );
    if (fetched === "missing") {
      await this.git.runOr(["update-ref", "-d", NOTES_REF], () => "");
    }
  }
  /** The note on `sha` as last fetched, or undefined. */
  async read(sha) {
    assertNotOption("revision", sha);
    const text = await this.git.runOr(
      ["notes", `--ref=${NOTES_REF}`, "show", sha],
      (message2) => NO_NOTE.test(message2) ? null : void 0
    );
    return text === null ? void 0 : text;
  }
  /**
   * Replaces the note on `sha` with `update(current)` and pushes the notes ref, re-reading the
   * remote's note and applying `update` again when another writer pushed first (a non-fast-forward
   * push is rejected, so no writer's record is ever lost).
   */
  async update(sha, update, options = {}) {
    assertNotOption("revision", sha);
    const maxAttempts = options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) await this.fetch();
      const text = update(await this.read(sha));
      await this.#write(sha, text);
      const pushed = await this.git.runOr(
        ["push", "--porcelain", "origin", `${NOTES_REF}:${NOTES_REF}`],
        (message2) => PUSH_REJECTED.test(message2) ? new NotesPushRejected(message2) : void 0
      );
      if (!(pushed instanceof NotesPushRejected)) return;
      if (attempt >= maxAttempts) {
        throw new GitcanaryError(
          "GIT_PUSH_CONFLICT",
          `push of ${NOTES_REF} was rejected ${attempt} time(s): other writers kept noting first`,
          { hint: "run the step again" }
        );
      }
      await sleep(Math.min(200 * 2 ** (attempt - 1), 5e3) * (0.5 + Math.random()));
    }
  }
  /** The note goes through a file, never argv: evidence may be long or hold any byte. */
  async #write(sha, text) {
    const dir = await mkdtemp(path.join(os.tmpdir(), "gitcanary-note-"));
    try {
      const file = path.join(dir, "note");
      await writeFile(file, text);
      await this.git.run(["notes", `--ref=${NOTES_REF}`, "add", "--force", `--file=${file}`, sha]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
};

// src/git/trailers.ts
var GITCANARY_TRAILERS = {
  /** Release name (the app being released). */
  release: "Gitcanary-Release",
  /** Unique id of one release of that app, so a later release is not confused with this one. */
  releaseId: "Gitcanary-Release-Id",
  /** `i/N`: index of the step just committed and the plan's step count. */
  step: "Gitcanary-Step",
  /** Phase after this commit: Progressing, Paused, Promoted, RolledBack, Failed. */
  phase: "Gitcanary-Phase",
  /** Canary weight (0–100) the manifests say after this commit. */
  weight: "Gitcanary-Weight",
  /** Candidate (canary) image reference. */
  image: "Gitcanary-Image",
  /** Stable image reference the release started from. */
  stableImage: "Gitcanary-Stable-Image",
  /** Image the canary workload ran before the release (restored on rollback). */
  previousImage: "Gitcanary-Previous-Image",
  /** Fingerprint of the targets the release writes (the config that owns the release). */
  targets: "Gitcanary-Targets",
  /** Canary replica counts before the release, as JSON (only when a workload carries the scale). */
  baselineScale: "Gitcanary-Baseline-Scale",
  /** What this commit does: start, supersede, step, resume, promote, finish, rollback, abort. */
  action: "Gitcanary-Action",
  /** Web page of the CI job that made the commit (GitLab CI job, GitHub Actions run), when one did. */
  job: "Gitcanary-Job"
};
var GITCANARY_TRAILER_PREFIX = "Gitcanary-";
var TRAILER_KEY = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
function validateTrailers(trailers) {
  for (const [key, value] of Object.entries(trailers)) {
    if (!TRAILER_KEY.test(key)) {
      throw new GitcanaryError(
        "GIT_FAILED",
        `commit trailer key ${JSON.stringify(key)} is not a git trailer token`,
        {
          field: key,
          hint: "use letters, digits and dashes, e.g. Gitcanary-Step"
        }
      );
    }
    if (CONTROL_CHARACTERS.test(value)) {
      throw new GitcanaryError("GIT_FAILED", `commit trailer ${key} must be a single line`, {
        field: key,
        hint: "newlines and control characters cannot be stored in a trailer value"
      });
    }
    if (value.trim() === "") {
      throw new GitcanaryError("GIT_FAILED", `commit trailer ${key} is empty`, {
        field: key,
        hint: "leave the trailer out instead of writing an empty value"
      });
    }
  }
}
function formatCommitMessage(message2, trailers) {
  validateTrailers(trailers);
  const text = message2.replace(/\s+$/, "");
  if (text.trim() === "") throw new GitcanaryError("GIT_FAILED", "commit message is empty");
  const lines = Object.entries(trailers).map(([key, value]) => `${key}: ${value.trim()}`);
  return lines.length === 0 ? `${text}
` : `${text}

${lines.join("\n")}
`;
}
function parseTrailerField(field2) {
  const trailers = {};
  for (const line of field2.split("")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    trailers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return trailers;
}
function hasGitcanaryTrailer(trailers) {
  return Object.keys(trailers).some(
    (key) => key.toLowerCase().startsWith(GITCANARY_TRAILER_PREFIX.toLowerCase())
  );
}

// src/git/repository.ts
var LOG_FORMAT = "--format=%H%x1f%cI%x1f%s%x1f%(trailers:only,unfold,separator=%x1d)%x1e";
var PUSH_RACE = /\[rejected\] \((fetch first|non-fast-forward)\)|\[remote rejected\].*(cannot lock ref|incorrect old value|failed to update ref)/;
var PushRejected = class extends Error {
};
var NOTHING = /* @__PURE__ */ Symbol("nothing to commit");
var TipMoved = class extends Error {
};
var NUL = /\u0000/g;
var IntentFailed = class extends Error {
  constructor(reason) {
    super("step intent failed");
    this.reason = reason;
  }
  reason;
};
function remoteReadArgs(branch) {
  return [
    "--verbose",
    "--no-tags",
    "--prune",
    "origin",
    `+refs/heads/${branch}:refs/remotes/origin/${branch}`,
    `+${NOTES_REF}*:${NOTES_REF}*`,
    `+${LEASE_PREFIX}*:${LEASE_PREFIX}*`
  ];
}
var Repository = class {
  /** @internal Use openRepository. */
  constructor(root, branch, git, ownedDir, releasePrivate = async () => void 0, tipKnown = false, fetchedAtOpen = false) {
    this.root = root;
    this.branch = branch;
    this.git = git;
    this.ownedDir = ownedDir;
    this.releasePrivate = releasePrivate;
    this.tipKnown = tipKnown;
    this.#synced = tipKnown;
    this.#clean = tipKnown;
    this.#fetchedAtOpen = fetchedAtOpen;
  }
  root;
  branch;
  git;
  ownedDir;
  releasePrivate;
  closed = false;
  /** The open's fetch may stand for the first `fetch` (cleared by any fetch and any write to the remote). */
  #fetchedAtOpen;
  /**
   * HEAD and the working tree are origin/<branch> as last fetched, untouched since (a fresh clone,
   * a reset): resetToRemote has nothing to do and there is no unpushed commit. A fetch (which may
   * move origin/<branch>) and an intent writing files end it.
   */
  #synced;
  /** No intent wrote into the working tree since the clone or the last reset: nothing to clean. */
  #clean;
  /** Counts the fetches and pushes that may have moved origin/<branch>. */
  #generation = 0;
  /** Each release's newest commit on origin/<branch>, read at a generation (releaseHistory). */
  #newest = /* @__PURE__ */ new Map();
  /**
   * origin/<branch> is what this object last saw on the remote (its clone, fetch or push), not a
   * workdir's leftover. commitStep then builds its first attempt there without fetching: the push
   * is a fast-forward the server checks, so a branch that moved meanwhile rejects it and the next
   * attempt fetches and replays the intent, as for any lost race.
   */
  tipKnown;
  #gitDir;
  get remoteRef() {
    return `refs/remotes/origin/${this.branch}`;
  }
  async head() {
    return this.commitInfo("HEAD");
  }
  /**
   * Updates origin/<branch>, the release notes and the release leases from the remote
   * (`remoteReadArgs`): one round trip, what a command reads of the remote before it acts.
   * `reuseOpen`: the caller's first read, right after it opened the repository; when openRepository
   * fetched the same and nothing was fetched or written since, that fetch stands for this one.
   */
  async fetch(options = {}) {
    const reuse = this.#fetchedAtOpen && options.reuseOpen === true;
    this.#fetchedAtOpen = false;
    if (reuse) return;
    await this.git.runRemote([...WITH_NOTE_BLOBS, "fetch", ...remoteReadArgs(this.branch)]);
    this.#synced = false;
    this.#generation += 1;
    this.tipKnown = true;
  }
  /** Discards local commits and changes: the working copy becomes origin/<branch> as last fetched. */
  async resetToRemote() {
    if (this.#synced) return;
    await this.git.run(["reset", "--hard", this.remoteRef]);
    if (this.ownedDir !== void 0 && !this.#clean) await this.git.run(["clean", "--quiet", "-fd"]);
    this.#synced = this.#clean = true;
  }
  /**
   * Commits one step on top of origin/<branch> and pushes it. When the push loses a race, fetches,
   * resets to the new head and runs `intent` again there (re-applying the intent, never rebasing
   * text), with exponential backoff and jitter, up to `maxAttempts`. An intent that throws stops at
   * once with nothing committed; an intent that changes nothing yields no (empty) commit.
   */
  async commitStep(intent, options = {}) {
    const maxAttempts = options.maxAttempts ?? 5;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new GitcanaryError("INTERNAL", `maxAttempts must be a positive integer, got ${maxAttempts}`);
    }
    const target = options.pushTo ?? this.branch;
    assertNotOption("branch", target);
    const expectedTip = options.expectedTip;
    if (expectedTip !== void 0) assertNotOption("revision", expectedTip);
    const expectedRelease = options.expectedRelease;
    let attempts = 0;
    this.#fetchedAtOpen = false;
    const attempt = async () => {
      attempts += 1;
      const replayed = attempts > 1;
      const optimistic = attempts === 1 && this.tipKnown && target === this.branch && options.force !== true && expectedTip === void 0;
      if (!optimistic) await this.fetch();
      await this.resetToRemote();
      if (expectedTip !== void 0) {
        const tip = (await this.git.run(["rev-parse", this.remoteRef])).trim();
        if (tip !== expectedTip) throw new TipMoved(tip);
      }
      if (expectedRelease !== void 0) {
        const newest = await this.#newestOf(expectedRelease.name);
        if (newest !== expectedRelease.newest) throw new TipMoved(newest ?? "");
      }
      let step;
      this.#synced = this.#clean = false;
      try {
        step = await intent(this.root);
      } catch (error) {
        throw new IntentFailed(error);
      }
      const unchanged = async () => {
        await this.resetToRemote();
        return {
          committed: false,
          sha: (await this.git.run(["rev-parse", "HEAD"])).trim(),
          attempts,
          replayed
        };
      };
      if (step === null) return unchanged();
      const message2 = formatCommitMessage(step.message, step.trailers);
      const files = step.files.map((file) => this.relativePath(file));
      if (files.length > 0) await this.stage(files);
      const committed = await this.commit(message2, options.allowEmpty === true);
      if (committed === void 0) return unchanged();
      const { sha, time } = committed;
      if (options.push === false) return { committed: true, sha, time, attempts, replayed };
      await this.push(target, options.force === true, expectedTip);
      if (target === this.branch) this.tipKnown = true;
      return { committed: true, sha, time, attempts, replayed };
    };
    try {
      return await pRetry(attempt, {
        retries: maxAttempts - 1,
        factor: 2,
        minTimeout: 200,
        maxTimeout: 5e3,
        randomize: true,
        // A compare-and-swap push is never replayed: the caller decides after a re-read.
        shouldRetry: (error) => error instanceof PushRejected && expectedTip === void 0
      });
    } catch (error) {
      if (error instanceof TipMoved && expectedRelease !== void 0 && expectedTip === void 0) {
        await this.resetToRemote().catch(() => void 0);
        const from = expectedRelease.newest?.slice(0, 7) ?? "no commit";
        throw new GitcanaryError(
          "GIT_TIP_MOVED",
          `release ${expectedRelease.name} moved on from ${from} to ${error.message.slice(0, 7) || "no commit"}: another process committed for it first; nothing was pushed`,
          { hint: "re-read the release from the branch before committing again" }
        );
      }
      if (error instanceof TipMoved || error instanceof PushRejected && expectedTip !== void 0) {
        await this.resetToRemote().catch(() => void 0);
        throw new GitcanaryError(
          "GIT_TIP_MOVED",
          `branch ${target} moved on from ${expectedTip.slice(0, 7)}: another writer committed first; nothing was pushed`,
          { hint: "re-read the release from the branch before committing again" }
        );
      }
      if (error instanceof IntentFailed) {
        await this.resetToRemote().catch(() => void 0);
        throw error.reason;
      }
      if (error instanceof PushRejected) {
        throw new GitcanaryError(
          "GIT_PUSH_CONFLICT",
          `push to branch ${target} was rejected ${attempts} time(s): other commits kept landing first`,
          { hint: "another writer is busy on this branch; run the step again, or raise maxAttempts" }
        );
      }
      await this.resetToRemote().catch(() => void 0);
      throw error;
    }
  }
  /**
   * Commits with gitcanary trailers that are on HEAD but not on origin/<branch> as last fetched:
   * left by a run killed between commit and push. Push them with pushUnpushed or drop them with
   * resetToRemote. Newest first.
   */
  async unpushedCommits() {
    if (this.#synced) return [];
    const [ahead = "", behind = ""] = (await this.git.run(["rev-list", "--left-right", "--count", `HEAD...${this.remoteRef}`, "--"])).trim().split(/\s+/);
    if (ahead === "0") {
      if (behind === "0" && this.#clean) this.#synced = true;
      return [];
    }
    const commits = await this.log([`${this.remoteRef}..HEAD`]);
    return commits.filter((commit) => hasGitcanaryTrailer(commit.trailers));
  }
  /** Pushes HEAD to the branch as is (no replay: the intent that made it is gone); returns its sha. */
  async pushUnpushed() {
    await this.push(this.branch, false).catch((error) => {
      if (!(error instanceof PushRejected)) throw error;
      throw new GitcanaryError(
        "GIT_PUSH_CONFLICT",
        `push to branch ${this.branch} was rejected: it moved on`,
        {
          hint: "drop the unpushed commits (resetToRemote) and run the step again"
        }
      );
    });
    return (await this.git.run(["rev-parse", "HEAD"])).trim();
  }
  /** Commits on origin/<branch> carrying `Gitcanary-Release: <releaseName>`, newest first. */
  async releaseHistory(releaseName, options = {}) {
    const args = [
      // Children before parents whatever the timestamps: a step merged from a pull request is a
      // second parent that may carry the same second as (or an older date than) the first.
      "--topo-order",
      "--extended-regexp",
      // git matches --grep per line; the trailer check below drops a body line that merely looks alike.
      `--grep=^${GITCANARY_TRAILERS.release}: *${escapeRegExp(releaseName.trim())} *$`
    ];
    if (options.limit !== void 0) args.push(`--max-count=${Math.max(0, Math.floor(options.limit))}`);
    const generation = this.#generation;
    const commits = (await this.log([...args, this.remoteRef])).filter(
      (commit) => commit.trailers[GITCANARY_TRAILERS.release] === releaseName.trim()
    );
    if (options.limit === void 0 || options.limit > 0)
      this.#newest.set(releaseName.trim(), { generation, sha: commits[0]?.sha });
    return commits;
  }
  /**
   * The release's newest commit on origin/<branch>: what the last read of its history said when
   * origin/<branch> has not moved since (no fetch, no push), so a step's compare-and-swap does not
   * read the history the engine has just read.
   */
  async #newestOf(releaseName) {
    const known = this.#newest.get(releaseName.trim());
    if (known !== void 0 && known.generation === this.#generation) return known.sha;
    return (await this.releaseHistory(releaseName, { limit: 1 }))[0]?.sha;
  }
  /** Unified diff between two commits (`toSha` defaults to HEAD), for plans and PR bodies. */
  async diff(fromSha, toSha = "HEAD") {
    assertNotOption("revision", fromSha);
    assertNotOption("revision", toSha);
    return this.git.run(["diff", "--no-color", "--no-ext-diff", "--no-textconv", fromSha, toSha, "--"]);
  }
  /** The whole message of one commit (subject, body, trailers), e.g. for the gate evidence it records. */
  async message(sha) {
    assertNotOption("revision", sha);
    return this.git.run(["log", "-1", "--format=%B", sha, "--"]);
  }
  /** `git show` of one commit: header, full message and patch. */
  async show(sha) {
    assertNotOption("revision", sha);
    return this.git.run([
      "show",
      "--no-color",
      "--no-ext-diff",
      "--no-textconv",
      "--format=fuller",
      sha,
      "--"
    ]);
  }
  /** The note on `sha` under refs/notes/gitcanary as last fetched (`fetch` brings the notes too). */
  async readNote(sha) {
    return new ReleaseNotes(this.git).read(sha);
  }
  /** Replaces the note on `sha` with `update(current)` and pushes it (re-applied if another writer won). */
  async updateNote(sha, update) {
    this.#fetchedAtOpen = false;
    await new ReleaseNotes(this.git).update(sha, update);
  }
  /**
   * The lease on `release` (refs/gitcanary/lease/<release>) on the remote now, or undefined;
   * `fetched`: as the last fetch brought it.
   */
  async readLease(release, options = {}) {
    return new ReleaseLeases(this.git).read(release, options);
  }
  /** Writes the lease while the remote's is still `expected` (undefined: none); LeaseMoved else. */
  async writeLease(release, holder, expires, expected) {
    this.#fetchedAtOpen = false;
    return new ReleaseLeases(this.git).write(release, holder, expires, expected);
  }
  /** Removes the lease while it is still `expected`; LeaseMoved else. */
  async removeLease(release, expected) {
    this.#fetchedAtOpen = false;
    await new ReleaseLeases(this.git).remove(release, expected);
  }
  /** The sha the remote branch points at now (`git ls-remote`), without fetching; undefined when absent. */
  async remoteTip(branch = this.branch) {
    assertNotOption("branch", branch);
    const out = await this.git.runRemote(["ls-remote", "--heads", "origin", `refs/heads/${branch}`]);
    const sha = out.trim().split(/\s+/)[0];
    return sha === void 0 || sha === "" ? void 0 : sha;
  }
  /**
   * The files of another branch of the remote (a pull request's head), checked out in a temporary
   * worktree beside this one; `dispose` removes it. Undefined when the remote has no such branch.
   */
  async checkoutBranch(branch) {
    assertNotOption("branch", branch);
    if (await this.remoteTip(branch) === void 0) return void 0;
    const ref = "refs/gitcanary/proposal";
    await this.git.runRemote(["fetch", "--verbose", "--no-tags", "origin", `+refs/heads/${branch}:${ref}`]);
    const sha = (await this.git.run(["rev-parse", ref])).trim();
    const root = await mkdtemp2(path2.join(os2.tmpdir(), "gitcanary-proposal-"));
    await this.git.run(["worktree", "add", "--detach", "--force", root, sha]);
    return {
      root,
      sha,
      dispose: async () => {
        await this.git.run(["worktree", "remove", "--force", root]).catch(() => void 0);
        await rm2(root, { recursive: true, force: true });
      }
    };
  }
  /** Deletes the temp clone openRepository made (and key files); a given workdir is left alone. */
  async close() {
    if (this.closed) return;
    this.closed = true;
    if (this.ownedDir !== void 0) await rm2(this.ownedDir, { recursive: true, force: true });
    await this.releasePrivate();
  }
  /**
   * `git commit -F <file>`: the message never goes through argv, so its size (a gate's 140 KB
   * line; argv is limited, E2BIG) and content (a leading `-`) cannot break the command. Hooks
   * belong to people's commits; verbatim because we formatted the message (and `#` is text).
   * Returns the new commit's sha, read from git's own summary line (`core.abbrev=no` makes it
   * whole), or undefined when the index equals HEAD and `allowEmpty` is false: one process where
   * `diff --cached` + `commit` + `rev-parse HEAD` were three.
   */
  async commit(message2, allowEmpty) {
    this.#gitDir ??= this.ownedDir !== void 0 ? path2.join(this.root, ".git") : (await this.git.run(["rev-parse", "--absolute-git-dir"])).trim();
    const file = path2.join(this.#gitDir, "GITCANARY_COMMIT_MSG");
    await writeFile2(file, message2.replace(NUL, "\u2400"));
    const seconds = Math.floor(Date.now() / 1e3);
    const time = new Date(seconds * 1e3).toISOString();
    try {
      const out = await this.git.runOr(
        [
          "-c",
          "core.abbrev=no",
          "commit",
          "--no-verify",
          "--no-status",
          "--cleanup=verbatim",
          ...allowEmpty ? ["--allow-empty"] : [],
          `--file=${file}`
        ],
        // LC_ALL=C (gitEnvironment): an index equal to HEAD is reported so, on stdout, exit 1.
        (text) => /^nothing (added )?to commit|^no changes added to commit/m.test(text) ? NOTHING : void 0,
        { GIT_COMMITTER_DATE: `@${seconds} +0000` }
      );
      if (out === NOTHING) return void 0;
      const sha = /^\[[^\]\n]*? ([0-9a-f]{40}|[0-9a-f]{64})\]/.exec(out)?.[1];
      return { sha: sha ?? (await this.git.run(["rev-parse", "HEAD"])).trim(), time };
    } finally {
      await rm2(file, { force: true });
    }
  }
  async commitInfo(revision) {
    const [sha = "", time = ""] = (await this.git.run(["log", "-1", "--format=%H%x1f%cI", revision, "--"])).trim().split("");
    return { sha, time: new Date(time).toISOString() };
  }
  async log(args) {
    const out = await this.git.run(["log", LOG_FORMAT, ...args, "--"]);
    const commits = [];
    for (const record of out.split("")) {
      const [sha, time, subject, trailers] = record.replace(/^\n/, "").split("");
      if (sha === void 0 || sha === "" || time === void 0) continue;
      commits.push({
        sha,
        time: new Date(time).toISOString(),
        subject: subject ?? "",
        trailers: parseTrailerField(trailers ?? "")
      });
    }
    return commits;
  }
  /** Stages exactly these paths (additions, changes, deletions); commit() tells whether anything changed. */
  async stage(files) {
    await this.git.run(["update-index", "--add", "--remove", "--", ...files]);
  }
  async push(target, force, expectedTip) {
    this.#fetchedAtOpen = false;
    const refspec = `${force ? "+" : ""}HEAD:refs/heads/${target}`;
    if (target === this.branch) this.#generation += 1;
    const lease = expectedTip === void 0 ? [] : [`--force-with-lease=refs/heads/${target}:${expectedTip}`];
    const outcome = await this.git.runRemote(
      ["push", "--porcelain", ...lease, "origin", refspec],
      (message2) => PUSH_RACE.test(message2) || lease.length > 0 && /\[rejected\] \(stale info\)/.test(message2) ? new PushRejected(message2) : void 0
    );
    if (!(outcome instanceof PushRejected)) return;
    if (lease.length > 0) {
      const head = (await this.git.run(["rev-parse", "HEAD"])).trim();
      if (await this.remoteTip(target) === head) return;
    }
    throw outcome;
  }
  relativePath(file) {
    const relative = path2.relative(this.root, path2.resolve(this.root, file));
    if (relative === "" || relative === ".." || relative.startsWith(`..${path2.sep}`) || path2.isAbsolute(relative)) {
      throw new GitcanaryError("PATH_OUTSIDE_REPO", `step file ${file} is outside the repository`, { file });
    }
    return relative.split(path2.sep).join("/");
  }
};
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// src/git/open.ts
var ownedTempDirs = /* @__PURE__ */ new Set();
var exitHookInstalled = false;
function trackTempDir(dir) {
  ownedTempDirs.add(dir);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", removeOwnedTempDirs);
}
function removeOwnedTempDirs() {
  for (const dir of ownedTempDirs) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
    }
    ownedTempDirs.delete(dir);
  }
}
async function makeTempDir(prefix) {
  const dir = await mkdtemp3(path3.join(os3.tmpdir(), prefix));
  trackTempDir(dir);
  return dir;
}
async function removeTempDir(dir) {
  await rm3(dir, { recursive: true, force: true });
  ownedTempDirs.delete(dir);
}
async function openRepository(options) {
  const { branch } = options;
  assertNotOption("repository", options.repo);
  assertNotOption("branch", branch);
  registerSecret(options.token);
  registerUrlCredentials(options.repo);
  const { url, credentials: fromUrl } = splitCredentials(options.repo);
  const repo = isLocalPath(url) ? path3.resolve(url) : url;
  const origin = httpOrigin(repo);
  const credentials = origin === void 0 ? void 0 : options.token !== void 0 && options.token !== "" ? { origin, username: "x-access-token", password: options.token } : fromUrl && { ...fromUrl, origin };
  const privateDirs = [];
  try {
    const config = {
      "http.lowSpeedLimit": "1000",
      "http.lowSpeedTime": String(Math.max(1, Math.round(options.stallSeconds ?? 60))),
      // A short-lived clone needs no housekeeping: no `git maintenance run --auto` after every
      // fetch and commit (one process each), no auto gc.
      "maintenance.auto": "false",
      "gc.auto": "0",
      ...await signingConfig(options.signing, privateDirs)
    };
    const env = gitEnvironment(options.author, { credentials, config });
    const runnerOptions = { signal: options.signal, retry: options.retry };
    if (options.workdir !== void 0) {
      return await openWorkdir(options.workdir, repo, branch, env, runnerOptions, privateDirs);
    }
    const ownedDir = await makeTempDir("gitcanary-");
    privateDirs.push(ownedDir);
    const root = path3.join(ownedDir, "repo");
    const git = new GitRunner(root, env, runnerOptions);
    await new GitRunner(ownedDir, env, runnerOptions).run([
      "-c",
      `init.defaultBranch=${branch}`,
      "init",
      "--quiet",
      root
    ]);
    await appendFile(
      path3.join(root, ".git", "config"),
      cloneConfig(repo, branch, options.paths !== void 0)
    );
    if (options.paths !== void 0) await writeSparsePatterns(root, options.paths);
    const depth = options.depth === void 0 ? [] : [`--depth=${Math.max(1, Math.floor(options.depth))}`];
    const filter = options.paths !== void 0 ? ["--filter=blob:none"] : [];
    const fetched = await git.runRemote(
      ["fetch", ...filter, ...depth, ...remoteReadArgs(branch)],
      (message2) => MISSING_REMOTE_REF2.test(message2) ? "missing" : void 0
    );
    if (fetched === "missing") {
      throw new GitcanaryError("GIT_FAILED", maskSecrets(`branch ${branch} not found in ${repo}`), {
        field: "spec.git.branch",
        hint: "check spec.git.branch (or --branch), or push the branch first"
      });
    }
    await git.run(["reset", "--quiet", "--hard", `refs/remotes/origin/${branch}`]);
    if (options.paths !== void 0) await widenToLinkTargets(git, root, options.paths);
    return new Repository(
      root,
      branch,
      git,
      ownedDir,
      () => Promise.all(privateDirs.map(removeTempDir)).then(() => void 0),
      true,
      true
    );
  } catch (error) {
    await Promise.all(privateDirs.map(removeTempDir));
    throw error;
  }
}
function sparsePatterns(paths) {
  const recursive = /* @__PURE__ */ new Set();
  const parents = /* @__PURE__ */ new Set();
  for (const given of paths) {
    if (CONTROL_CHARACTERS.test(given)) continue;
    const relative = path3.posix.normalize(given.split(path3.sep).join("/")).replace(/^(\.\/)+|\/+$/g, "");
    if (relative === "" || relative === ".") return ["/*"];
    if (relative === ".." || relative.startsWith("../") || path3.posix.isAbsolute(relative)) continue;
    const parts = relative.split("/");
    recursive.add(parts.join("/"));
    for (let depth = 1; depth < parts.length; depth++) parents.add(parts.slice(0, depth).join("/"));
  }
  const literal = (dir) => dir.replace(/[\\*?[\]!#]/g, "\\$&");
  const covered = (dir) => [...recursive].some((r) => dir === r || dir.startsWith(`${r}/`));
  const patterns = ["/*", "!/*/"];
  for (const dir of [...parents].sort()) {
    if (covered(dir)) continue;
    patterns.push(`/${literal(dir)}/`, `!/${literal(dir)}/*/`);
  }
  for (const dir of [...recursive].sort()) {
    if ([...recursive].some((r) => dir !== r && dir.startsWith(`${r}/`))) continue;
    patterns.push(`/${literal(dir)}/`);
  }
  return patterns;
}
var MISSING_REMOTE_REF2 = /couldn't find remote ref/i;
function cloneConfig(repo, branch, sparse) {
  const quoted = (value) => `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  return [
    '[remote "origin"]',
    `	url = ${quoted(repo)}`,
    `	fetch = ${quoted(`+refs/heads/${branch}:refs/remotes/origin/${branch}`)}`,
    ...sparse ? ["[core]", "	sparseCheckout = true", "	sparseCheckoutCone = true", "[index]", "	sparse = true"] : [],
    ""
  ].join("\n");
}
async function writeSparsePatterns(root, paths) {
  const file = path3.join(root, ".git", "info", "sparse-checkout");
  await mkdir(path3.dirname(file), { recursive: true });
  await writeFile3(file, `${sparsePatterns(paths).join("\n")}
`);
}
async function widenToLinkTargets(git, root, given) {
  const targets = [];
  for (const entry of given) {
    const at = path3.resolve(root, entry);
    const link = await lstat(at).catch(() => void 0);
    if (!link?.isSymbolicLink()) continue;
    targets.push(path3.relative(root, path3.resolve(path3.dirname(at), await readlink(at))));
  }
  if (targets.length === 0) return;
  await writeSparsePatterns(root, [...given, ...targets]);
  await git.run(["sparse-checkout", "reapply"]);
}
async function signingConfig(signing, privateDirs) {
  if (signing === void 0) return {};
  let key = signing.key;
  if (signing.privateKey !== void 0) {
    registerSecret(signing.privateKey);
    const dir = await makeTempDir("gitcanary-key-");
    privateDirs.push(dir);
    key = path3.join(dir, "signing-key");
    await writeFile3(key, `${signing.privateKey.replace(/\s+$/, "")}
`, { mode: 384 });
  }
  if (key === void 0 || key.trim() === "") {
    throw new GitcanaryError("CONFIG_INVALID", "commit signing needs a key", {
      field: "spec.git.signing.key",
      hint: "set key (a key file or key id) or keyEnv (a variable holding one, or an ssh private key)"
    });
  }
  return { "commit.gpgsign": "true", "gpg.format": signing.format, "user.signingkey": key };
}
async function openWorkdir(workdir, repo, branch, env, runnerOptions, privateDirs) {
  const refuseAt = (where, message2, hint) => new GitcanaryError("USAGE", maskSecrets(`workdir ${where}: ${message2}`), { field: "workdir", hint });
  const top = existsSync(path3.resolve(workdir)) ? await new GitRunner(path3.resolve(workdir), env, runnerOptions).runOr(
    ["rev-parse", "--show-toplevel"],
    () => ""
  ) : "";
  if (top.trim() === "") {
    throw refuseAt(
      path3.resolve(workdir),
      "is not a git working copy",
      `clone ${repo} there, or leave workdir out`
    );
  }
  const root = await realpath(top.trim());
  const git = new GitRunner(root, env, runnerOptions);
  const refuse = (message2, hint) => refuseAt(root, message2, hint);
  const origin = (await git.runOr(["remote", "get-url", "origin"], () => "")).trim();
  if (origin === "") throw refuse('has no remote "origin"', `clone ${repo} there, or leave workdir out`);
  if (remoteIdentity(origin, root) !== remoteIdentity(repo, process.cwd())) {
    throw refuse(
      `is a clone of ${origin}, not of ${repo}`,
      "point workdir at a clone of the configured repository"
    );
  }
  const tracked = await git.runOr(
    ["rev-parse", "--verify", "--quiet", `refs/remotes/origin/${branch}`],
    () => ""
  );
  if (tracked.trim() === "") throw refuse(`has no origin/${branch}`, `fetch or check out ${branch} first`);
  const current = (await git.runOr(["symbolic-ref", "--quiet", "--short", "HEAD"], () => "")).trim();
  if (current !== "" && current !== branch) {
    throw refuse(`has ${current} checked out, not ${branch}`, `check out ${branch}`);
  }
  const changed = await git.run(["status", "--porcelain", "--untracked-files=no"]);
  if (changed.trim() !== "")
    throw refuse("has uncommitted changes to tracked files", "commit or discard them");
  const repository = new Repository(
    root,
    branch,
    git,
    void 0,
    () => Promise.all(privateDirs.map(removeTempDir)).then(() => void 0)
  );
  const ahead = (await git.run(["rev-list", "--count", `refs/remotes/origin/${branch}..HEAD`])).trim();
  const ours = await repository.unpushedCommits();
  if (Number(ahead) > ours.length) {
    throw refuse(
      `has ${Number(ahead) - ours.length} local commit(s) not written by gitcanary ahead of origin/${branch}`,
      "push or drop them before running gitcanary here"
    );
  }
  return repository;
}
function splitCredentials(remote) {
  if (!/^https?:\/\//i.test(remote)) return { url: remote, credentials: void 0 };
  let parsed;
  try {
    parsed = new URL(remote);
  } catch {
    return { url: remote, credentials: void 0 };
  }
  if (parsed.username === "" && parsed.password === "") return { url: remote, credentials: void 0 };
  const username = safeDecode(parsed.username);
  const password = safeDecode(parsed.password);
  parsed.username = "";
  parsed.password = "";
  return {
    url: parsed.toString(),
    credentials: password === "" ? { username, password: "x-oauth-basic" } : { username, password }
  };
}
function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
function isLocalPath(remote) {
  return !/^[a-z][a-z0-9+.-]*:\/\//i.test(remote) && !/^[^/\\]{2,}:/.test(remote);
}
function remoteIdentity(remote, base) {
  let where;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(remote)) {
    try {
      const url = new URL(remote);
      where = url.protocol === "file:" ? resolveReal(decodeURIComponent(url.pathname)) : `${url.hostname.toLowerCase()}${url.pathname}`;
    } catch {
      where = remote;
    }
  } else if (!isLocalPath(remote)) {
    const colon = remote.indexOf(":");
    const host = remote.slice(0, colon).replace(/^[^@]*@/, "");
    where = `${host.toLowerCase()}/${remote.slice(colon + 1).replace(/^\/+/, "")}`;
  } else {
    where = resolveReal(path3.resolve(base, remote));
  }
  return where.replace(/\/+$/, "").replace(/\.git$/, "").replace(/\/+$/, "");
}
function resolveReal(file) {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

// src/report/format.ts
var import_picocolors = __toESM(require_picocolors(), 1);
function humanDuration(ms) {
  const seconds = Math.max(0, Math.floor(ms / 1e3));
  const units = [
    [Math.floor(seconds / 86400), "d"],
    [Math.floor(seconds / 3600) % 24, "h"],
    [Math.floor(seconds / 60) % 60, "m"],
    [seconds % 60, "s"]
  ];
  const first = units.findIndex(([value2]) => value2 > 0);
  if (first < 0) return "0s";
  const [value, unit] = units[first];
  const next = units[first + 1];
  return next === void 0 || next[0] === 0 ? `${value}${unit}` : `${value}${unit} ${next[0]}${next[1]}`;
}
function relativeTime(at, now) {
  const ms = new Date(at).getTime() - now.getTime();
  if (Math.abs(ms) < 1e3) return "now";
  return ms > 0 ? `in ${humanDuration(Math.ceil(ms / 1e3) * 1e3)}` : `${humanDuration(-ms)} ago`;
}
function localTime(at, now, timeZone) {
  const date = new Date(at);
  const zone = timeZone === void 0 ? {} : { timeZone };
  const time = new Intl.DateTimeFormat("en-GB", {
    ...zone,
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short"
  }).format(date);
  const day = new Intl.DateTimeFormat("en-GB", { ...zone, day: "numeric", month: "short", year: "numeric" });
  if (day.format(date) === day.format(now)) return time;
  const sameYear = date.getUTCFullYear() === now.getUTCFullYear();
  const short = new Intl.DateTimeFormat("en-GB", {
    ...zone,
    day: "numeric",
    month: "short",
    ...sameYear ? {} : { year: "numeric" }
  });
  return `${short.format(date)} ${time}`;
}
function describeUntil(until, now, timeZone) {
  return `until ${localTime(until, now, timeZone)} (${relativeTime(until, now)})`;
}
function colorEnabled(env, isTTY) {
  const force = env.FORCE_COLOR;
  if (force !== void 0) return force !== "0" && force.toLowerCase() !== "false";
  if (env.NO_COLOR !== void 0 && env.NO_COLOR !== "") return false;
  return isTTY && env.TERM !== "dumb";
}
function colors(enabled) {
  return import_picocolors.default.createColors(enabled);
}
var TERMINAL_CONTROL = /\u001b\[[0-?]*[ -/]*[@-~]|[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;
function visibleLength(text) {
  return [...text.replace(TERMINAL_CONTROL, "")].length;
}
function padVisible(text, width) {
  return text + " ".repeat(Math.max(0, width - visibleLength(text)));
}
function terminalSafe(text) {
  return text.replace(/\r\n?|\n/g, " ").replace(TERMINAL_CONTROL, "");
}

// src/report/status.ts
var ICON = {
  waiting: "\u25F7",
  progressing: "\u25CC",
  warning: "\u26A0",
  unknown: "?",
  ok: "\u2714",
  bad: "\u2716",
  paused: "\u0965",
  neutral: "\u2022"
};
var ICON_RELEASE = "\u27F3";
var ICON_GATE = "\u03B1";
function disagreement(status, c) {
  return status.disagreement === void 0 ? [] : [field("  Routers:", `${c.red("disagree")}: ${status.disagreement}`)];
}
function missing(status, c) {
  return status.manifests.flatMap(
    (m) => m.missing === void 0 ? [] : [field("  Missing:", `${c.red(`${m.target} (${m.role})`)}: ${m.missing}`)]
  );
}
function renderStatus(status, options) {
  const c = colors(options.color ?? false);
  if (status.state === "none") {
    return maskSecrets(
      [
        field("Name:", status.release),
        field("Namespace:", status.namespace),
        field("Status:", `${c.dim(ICON.neutral)} None`),
        field("Message:", "no release found in the history of the branch"),
        ...disagreement(status, c),
        ...missing(status, c),
        ""
      ].join("\n")
    );
  }
  const [icon, word] = overall(status);
  const observed = status.manifests.map((m) => m.observed.canaryWeight).find((w) => w !== void 0);
  const baseline = status.manifests.map((m) => m.observed.baselineWeight).find((w) => w !== void 0);
  const lines = [
    field("Name:", status.release),
    field("Namespace:", status.namespace),
    field("Status:", `${paint(c, icon)} ${word}`),
    field("Message:", message(status, options)),
    field("Release:", status.releaseId ?? ""),
    field("Strategy:", "Canary, through Git"),
    field("  Step:", `${status.step}/${status.total}`),
    field("  SetWeight:", String(status.weight)),
    ...observed === void 0 ? [] : [field("  ActualWeight:", `${observed} (the manifests now)`)],
    ...baseline === void 0 ? [] : [field("  Baseline:", `${baseline} (the manifests now, to the baseline backend)`)],
    ...disagreement(status, c),
    ...missing(status, c),
    ...images(status, c)
  ];
  if (status.lastCommit) {
    const { sha, subject, time } = status.lastCommit;
    const when = `${humanDuration(options.now.getTime() - Date.parse(time))} ago, ${localTime(time, options.now, options.timeZone)}`;
    lines.push(field("Commit:", `${c.yellow(sha.slice(0, 7))} ${subject} (${when})`));
  }
  lines.push("", ...table(statusRows(status, options), options, c), "");
  for (const judgment of status.judgments ?? []) lines.push(...judgmentLines(judgment, c), "");
  return maskSecrets(lines.join("\n"));
}
function statusRows(status, options) {
  const [icon, word] = overall(status);
  const rows = [
    { depth: 0, icon: ICON_RELEASE, name: status.release, statusIcon: icon, status: word, info: "" }
  ];
  const start = status.commits[0];
  if (start) rows.push(commitRow(`0 ${start.action === "supersede" ? "supersede" : "start"}`, start));
  const gatesAt = evidenceByStep(status);
  const reached = Math.max(
    status.step ?? 0,
    ...recordedVerdicts(status).filter((v) => v.commit === status.commits.at(-1)).map((v) => v.step?.index ?? 0)
  );
  const committed = /* @__PURE__ */ new Map();
  for (const commit of status.commits)
    if (commit.action === "step" || commit.action === "promote" || commit.action === "resume")
      committed.set(commit.step, commit);
  for (const step of status.steps) {
    const row = stepRow(
      step,
      status,
      committed.get(step.index),
      gatesAt.get(step.index) ?? [],
      reached,
      options
    );
    rows.push(row);
    for (const gate of gatesAt.get(step.index) ?? []) rows.push(gateRow(gate));
  }
  for (const commit of status.commits.slice(1)) {
    if (commit.action === "step" || commit.action === "promote" || commit.action === "resume") continue;
    rows.push(commitRow(commit.action, commit));
    for (const gate of gatesAt.get(-status.commits.indexOf(commit)) ?? []) rows.push(gateRow(gate));
  }
  return rows;
}
function stepRow(step, status, commit, gates, reached, options) {
  const base = {
    depth: 1,
    icon: ICON.neutral,
    name: `${step.index} ${step.summary}`,
    weight: step.weight
  };
  const done = (info = "") => ({
    ...base,
    icon: ICON.ok,
    statusIcon: ICON.ok,
    status: "Done",
    info
  });
  if (commit) {
    const info = commit.action === "resume" ? "promoted by `gitcanary promote`" : "";
    return { ...done(info), commit: commit.sha, time: commit.time };
  }
  if (gates.length > 0) {
    const verdicts = gates.map((gate) => gate.verdict);
    if (verdicts.includes("fail"))
      return { ...base, icon: ICON.bad, statusIcon: ICON.bad, status: "Failed", info: "" };
    if (verdicts.includes("inconclusive"))
      return { ...base, icon: ICON.warning, statusIcon: ICON.warning, status: "Inconclusive", info: "" };
    return done();
  }
  const last = status.step ?? 0;
  if (step.index <= last) return done();
  if (status.state === "finished") {
    if (status.action === "promote" || status.action === "finish" || step.index < reached) return done();
    return { ...base, statusIcon: ICON.neutral, status: "Skipped", info: "not run" };
  }
  const next = status.next;
  if (next === void 0 || next.kind === "done") return done();
  if (next.kind === "rollback") {
    return step.index === last + 1 ? {
      ...base,
      icon: ICON.bad,
      statusIcon: ICON.bad,
      status: "Failed",
      info: `${next.failedChecks} failed checks of ${next.threshold}: the next run rolls back`
    } : { ...base, statusIcon: ICON.neutral, status: "Pending", info: "" };
  }
  if (step.index > next.index) return { ...base, statusIcon: ICON.neutral, status: "Pending", info: "" };
  if (step.index < next.index) {
    if (step.kind === "pause") return done("elapsed");
    const pass = status.passes.filter((p) => p.step === step.index).at(-1);
    if (pass?.verdict === "pass") return { ...done("passed, noted in Git"), time: pass.at };
    return {
      ...base,
      icon: ICON.unknown,
      statusIcon: ICON.unknown,
      status: "Unrecorded",
      info: "runs before the next commit, which records its verdicts"
    };
  }
  switch (next.kind) {
    case "wait":
      return {
        ...base,
        icon: ICON.waiting,
        statusIcon: ICON.waiting,
        status: "Waiting",
        info: `${next.reason === "retry" ? "a failed check holds the weight; checked again " : ""}${describeUntil(next.until, options.now, options.timeZone)}`
      };
    case "paused":
      return {
        ...base,
        icon: ICON.paused,
        statusIcon: ICON.paused,
        status: "Paused",
        info: `${next.reason === "inconclusive" ? "inconclusive; " : ""}until \`gitcanary promote\``
      };
    case "analysis":
      return {
        ...base,
        icon: ICON.progressing,
        statusIcon: ICON.progressing,
        status: "Next",
        info: "evaluated by the next `gitcanary run` or `step`"
      };
    case "commit":
      return {
        ...base,
        icon: ICON.progressing,
        statusIcon: ICON.progressing,
        status: "Next",
        info: "committed by the next `gitcanary run` or `step`"
      };
  }
}
function commitRow(name, commit) {
  const ended = commit.action === "rollback" || commit.action === "abort";
  const icon = ended ? ICON.bad : ICON.ok;
  return {
    depth: 1,
    icon,
    name,
    statusIcon: icon,
    status: ended ? commit.phase : "Done",
    weight: commit.weight,
    commit: commit.sha,
    time: commit.time,
    info: ""
  };
}
function gateRow(gate) {
  const icon = gate.verdict === "pass" ? ICON.ok : gate.verdict === "fail" ? ICON.bad : ICON.warning;
  const value = gate.value === void 0 ? "" : `value=${gate.value} `;
  const threshold = gate.threshold === void 0 ? "" : `threshold ${gate.threshold} `;
  const [first = ""] = gate.message.split("\n");
  return {
    depth: 2,
    icon: ICON_GATE,
    name: `${gate.gate} (${gate.kind})`,
    statusIcon: icon,
    status: gate.verdict,
    info: clip(terminalSafe(`${value}${threshold}\u2014 ${first}`), 100)
  };
}
function recordedVerdicts(status) {
  const verdicts = [];
  status.commits.forEach((commit, position) => {
    const previous = status.commits[position - 1]?.step ?? 0;
    const ended = commit.action === "rollback" || commit.action === "abort";
    const upTo = ended ? status.total + 1 : commit.step;
    for (const gate of commit.gates) {
      const step = status.steps.find(
        (s) => s.index > previous && s.index < upTo && s.gates?.includes(gate.gate) === true && !verdicts.some((v) => v.step === s && v.gate.gate === gate.gate)
      );
      verdicts.push({ gate, commit, step });
    }
  });
  return verdicts;
}
function evidenceByStep(status) {
  const byStep = /* @__PURE__ */ new Map();
  for (const { gate, commit, step } of recordedVerdicts(status)) {
    const key = step?.index ?? -status.commits.indexOf(commit);
    byStep.set(key, [...byStep.get(key) ?? [], gate]);
  }
  return byStep;
}
function overall(status) {
  if (status.state === "finished") {
    if (status.action === "promote" || status.action === "finish") return [ICON.ok, "Promoted"];
    return [ICON.bad, status.action === "abort" ? "Aborted" : "RolledBack"];
  }
  if (status.state === "paused") return [ICON.paused, "Paused"];
  if (status.next?.kind === "wait") return [ICON.waiting, "Waiting"];
  return [ICON.progressing, "Progressing"];
}
function message(status, options) {
  const next = status.next;
  const at = (index) => {
    const step = status.steps[index - 1];
    return `${step?.summary ?? "step"} at step ${index}/${status.total}`;
  };
  if (status.state === "finished") {
    const ago = status.lastCommit ? ` ${humanDuration(options.now.getTime() - Date.parse(status.lastCommit.time))} ago` : "";
    if (status.action === "promote" || status.action === "finish") return `promoted${ago}`;
    const failed = status.commits.at(-1)?.gates.find((gate) => gate.verdict !== "pass");
    const why = failed ? `: gate ${failed.gate} ${failed.verdict}${failed.value ? ` (value ${failed.value})` : ""}` : "";
    return `${status.action === "abort" ? "aborted" : "rolled back"}${ago}${clip(terminalSafe(why), 100)}`;
  }
  if (next === void 0 || next.kind === "done")
    return "every step is done: the next `gitcanary run` finishes it";
  switch (next.kind) {
    case "rollback":
      return `${next.failedChecks} failed checks reached the threshold of ${next.threshold}: the next \`gitcanary run\` or \`step\` rolls back`;
    case "wait":
      return `${next.reason === "retry" ? "a failed check holds the weight: " : "waits: "}${at(next.index)}, ${describeUntil(next.until, options.now, options.timeZone)}`;
    case "paused":
      return `paused${next.reason === "inconclusive" ? " (inconclusive analysis)" : ""}: ${at(next.index)}, until \`gitcanary promote\``;
    case "analysis":
      return `next: ${at(next.index)}, evaluated by the next \`gitcanary run\` or \`step\``;
    case "commit":
      return `next: ${at(next.index)}, committed by the next \`gitcanary run\` or \`step\``;
  }
}
var COLUMNS = ["NAME", "STATUS", "WEIGHT", "COMMIT", "AGE", "INFO"];
function table(rows, options, c) {
  const prefixes = treePrefixes(rows);
  const cells = rows.map((row, i) => {
    const name = `${prefixes[i]}${paint(c, row.icon)} ${row.depth === 0 ? c.bold(row.name) : row.name}`;
    const pending = row.status === "Pending" || row.status === "Skipped";
    return [
      pending ? c.dim(name) : name,
      `${paint(c, row.statusIcon)} ${row.status}`,
      row.weight === void 0 ? "" : `${row.weight}%`,
      row.commit === void 0 ? "" : c.yellow(row.commit.slice(0, 7)),
      row.time === void 0 ? "" : humanDuration(options.now.getTime() - Date.parse(row.time)),
      row.info
    ];
  });
  const all = [[...COLUMNS], ...cells];
  const widths = COLUMNS.map((_, col) => Math.max(...all.map((cell) => visibleLength(cell[col] ?? ""))));
  return all.map(
    (cell) => cell.map((text, col) => col === cell.length - 1 ? text : padVisible(text, widths[col] + 2)).join("").trimEnd()
  );
}
function treePrefixes(rows) {
  return rows.map((row, i) => {
    if (row.depth === 0) return "";
    const lastAmong = (from, depth) => {
      for (let j = from + 1; j < rows.length; j++) {
        if (rows[j].depth < depth) return true;
        if (rows[j].depth === depth) return false;
      }
      return true;
    };
    if (row.depth === 1) return lastAmong(i, 1) ? "\u2514\u2500\u2500" : "\u251C\u2500\u2500";
    let parent = i - 1;
    while (rows[parent].depth !== 1) parent--;
    return `${lastAmong(parent, 1) ? "   " : "\u2502  "}${lastAmong(i, 2) ? "\u2514\u2500\u2500" : "\u251C\u2500\u2500"}`;
  });
}
function paint(c, icon) {
  switch (icon) {
    case ICON.waiting:
    case ICON.unknown:
      return c.yellow(icon);
    case ICON.progressing:
      return c.blueBright(icon);
    case ICON.warning:
    case ICON.bad:
      return c.red(icon);
    case ICON.ok:
      return c.green(icon);
    default:
      return icon;
  }
}
function images(status, c) {
  if (status.image === status.stableImage)
    return [field("Images:", `${status.image} (${c.green("stable")}, ${c.yellow("canary")})`)];
  return [
    field("Images:", `${status.image} (${c.yellow("canary")})`),
    ...status.stableImage === void 0 ? [] : [field("", `${status.stableImage} (${c.green("stable")})`)]
  ];
}
function field(label, value) {
  return `${label.padEnd(17)}${value}`.trimEnd();
}
function clip(text, max) {
  return text.length <= max ? text : `${text.slice(0, max - 1)}\u2026`;
}
function judgmentLines(judgment, c) {
  const { table: table2 } = judgment;
  const icon = judgment.verdict === "pass" ? ICON.ok : judgment.verdict === "fail" ? ICON.bad : ICON.warning;
  const header = [
    "METRIC",
    "RESULT",
    "CANARY MEDIAN",
    "BASELINE MEDIAN",
    `SHIFT [${table2.confidence} INTERVAL]`,
    "P-VALUE",
    "CHANGE",
    "SAMPLES"
  ];
  const rows = table2.rows.map((row) => [
    `${row.metric}${row.critical ? " (critical)" : ""}`,
    row.classification,
    row.canaryMedian,
    row.baselineMedian,
    row.shift,
    row.pValue,
    row.change,
    row.samples
  ]);
  const cells = [header, ...rows].map((row) => row.map((cell) => terminalSafe(cell)));
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  const render = (row) => `  ${row.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd()}`;
  const baseline = table2.baseline === void 0 ? [] : [
    `  ${table2.comparedWith === "stable" ? `${paint(c, ICON.warning)} ` : ""}Baseline: ${terminalSafe(table2.baseline)}`
  ];
  return [
    `Judge ${terminalSafe(judgment.gate)} ${paint(c, icon)} ${terminalSafe(table2.headline)} (commit ${c.yellow(judgment.commit.slice(0, 7))}, step ${judgment.step})`,
    ...baseline,
    c.dim(render(cells[0])),
    ...cells.slice(1).map(render),
    ...table2.notes.map((note) => `  ${terminalSafe(note)}`)
  ];
}

// src/cli/output.ts
import { execFile } from "node:child_process";

// node_modules/commander/esm.mjs
var import_index = __toESM(require_commander(), 1);
var {
  program,
  createCommand,
  createArgument,
  createOption,
  CommanderError,
  InvalidArgumentError,
  InvalidOptionArgumentError,
  // deprecated old name
  Command,
  Argument,
  Option,
  Help
} = import_index.default;

// src/report/evidence.ts
var EVIDENCE_LINE_LIMIT = 400;
var EVIDENCE_MESSAGE_LIMIT = 4e3;
var EVIDENCE_VALUE_LIMIT = 200;
var EVIDENCE_MEASUREMENTS_LIMIT = 50;
var ESCAPE_SEQUENCE = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|(?:\u001b[\]PX^_]|[\u0090\u009d-\u009f])[\s\S]*?(?:\u0007|\u001b\\|\u009c|$)|\u001b[@-Z\\-_ -/]*[0-~]?/g;
var CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
function sanitizeEvidence(text, limit = EVIDENCE_MESSAGE_LIMIT, lineLimit = EVIDENCE_LINE_LIMIT) {
  const cleaned = text.replace(ESCAPE_SEQUENCE, "").replace(/\r\n?/g, "\n").replace(/\u0000/g, "\u2400").replace(CONTROL, "\uFFFD");
  const lines = cleaned.split("\n").map((line) => capLine(line, lineLimit));
  let out = lines.join("\n");
  if (out.length <= limit) return out;
  const [first = "", ...rest] = lines;
  const head = capLine(first, Math.min(lineLimit, Math.floor(limit / 4)));
  const budget = Math.max(0, limit - head.length - 80);
  const tail = rest.join("\n");
  const kept = tail.slice(tail.length - budget);
  const from = kept.indexOf("\n");
  const whole = from >= 0 && from < kept.length - 1 ? kept.slice(from + 1) : kept;
  const cut = out.length - head.length - whole.length;
  out = `${head}
  \u2026 [${cut} characters of output cut]
${whole}`;
  return out;
}
function sanitizeEvidenceLine(text, limit = EVIDENCE_VALUE_LIMIT) {
  return capLine(
    sanitizeEvidence(text, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY).replace(/\n+/g, " "),
    limit
  );
}
function sanitizeGateResult(result) {
  return {
    ...result,
    gate: sanitizeEvidenceLine(result.gate, 100),
    kind: sanitizeEvidenceLine(result.kind, 100),
    value: sanitizeValue(result.value),
    threshold: result.threshold === void 0 ? void 0 : sanitizeEvidenceLine(result.threshold),
    message: indentContinuation(sanitizeEvidence(result.message)),
    measurements: result.measurements.slice(-EVIDENCE_MEASUREMENTS_LIMIT).map(sanitizeMeasurement)
  };
}
function sanitizeMeasurement(measurement) {
  return {
    ...measurement,
    value: sanitizeValue(measurement.value),
    message: indentContinuation(sanitizeEvidence(measurement.message, EVIDENCE_LINE_LIMIT * 2))
  };
}
function sanitizeValue(value) {
  return typeof value === "string" ? sanitizeEvidenceLine(value) : value;
}
function indentContinuation(text) {
  const [first = "", ...rest] = text.split("\n");
  const lines = rest.filter((line) => line.trim() !== "").map((line) => /^\s/.test(line) ? line : `  ${line}`);
  return [first, ...lines].join("\n");
}
function capLine(line, limit) {
  if (line.length <= limit) return line;
  const note = ` \u2026 [${line.length - limit} characters cut] \u2026 `;
  const keep = Math.max(0, limit - note.length);
  const head = Math.ceil(keep / 2);
  return `${line.slice(0, head)}${note}${line.slice(line.length - (keep - head))}`;
}

// src/report/console.ts
var systemTicker = {
  now: () => /* @__PURE__ */ new Date(),
  every: (ms, tick) => {
    const timer = setInterval(tick, ms);
    timer.unref();
    return () => clearInterval(timer);
  }
};
var CLEAR_LINE = "\r\x1B[2K";
function consoleOptionsFor(env, stream) {
  const tty = stream.isTTY === true;
  return {
    live: tty && env.TERM !== "dumb",
    color: colorEnabled(env, tty),
    sections: env.GITLAB_CI === "true" ? "gitlab" : env.GITHUB_ACTIONS === "true" ? "github" : void 0
  };
}
var ConsoleReporter = class {
  #write;
  #writeErr;
  #live;
  #colors;
  #sections;
  #ticker;
  #heartbeatMs;
  #refreshMs;
  #timeZone;
  #waiting;
  /** The live line is on screen (no line break after it yet). */
  #drawn = false;
  #section;
  #sectionCount = 0;
  /** `new ConsoleReporter(line => …)` prints whole lines only: no live line, no colour, no sections. */
  constructor(options = {}) {
    const given = typeof options === "function" ? { write: (text) => options(text.replace(/\n$/, "")) } : options;
    this.#write = given.write ?? ((text) => process.stdout.write(text));
    this.#writeErr = given.writeErr ?? (typeof options === "function" ? this.#write : (text) => process.stderr.write(text));
    this.#live = given.live ?? false;
    this.#colors = colors(given.color ?? false);
    this.#sections = given.sections;
    this.#ticker = given.ticker ?? systemTicker;
    this.#heartbeatMs = given.heartbeatMs ?? 6e4;
    this.#refreshMs = given.refreshMs ?? 1e3;
    this.#timeZone = given.timeZone;
  }
  event(event) {
    this.#erase();
    if (event.type !== "progress" && event.type !== "notification") this.#stopWaiting();
    this.#sectionFor(event);
    const line = formatEvent(shownEvent(event), {
      now: this.#ticker.now(),
      timeZone: this.#timeZone,
      colors: this.#colors
    });
    if (line !== void 0 && event.type === "warning") this.#writeErr(`${maskSecrets(line)}
`);
    else if (line !== void 0 && !(event.type === "step" && this.#section !== void 0)) this.#line(line);
    if (event.type === "wait") this.#startWaiting(event.reason, event.until);
    this.#draw();
  }
  /** Clears the live line and closes the open section: the process is about to exit. */
  async flush() {
    this.#erase();
    this.#stopWaiting();
    this.#closeSection();
  }
  #line(text) {
    this.#write(`${maskSecrets(text)}
`);
  }
  // --- Sections: one per step, collapsed; a failure is printed outside so it is never hidden ---
  #sectionFor(event) {
    if (this.#sections === void 0) return;
    switch (event.type) {
      case "step":
        this.#closeSection();
        this.#openSection(formatEvent(event, { colors: this.#colors }) ?? "");
        return;
      case "commit":
        if (this.#section === void 0 && (event.action === "start" || event.action === "supersede"))
          this.#openSection(this.#colors.bold(`[${event.index}/${event.total}] ${event.action}`));
        return;
      case "gate":
        if (event.result.verdict === "fail") this.#closeSection();
        return;
      case "release":
      case "done":
      case "error":
        this.#closeSection();
        return;
      default:
        return;
    }
  }
  #openSection(header) {
    this.#sectionCount++;
    const name = `gitcanary_${this.#sectionCount}`;
    this.#section = name;
    if (this.#sections === "gitlab") {
      this.#line(`\x1B[0Ksection_start:${this.#unix()}:${name}[collapsed=true]\r\x1B[0K${header}`);
    } else {
      this.#line(`::group::${escapeWorkflowData(header)}`);
    }
  }
  #closeSection() {
    if (this.#section === void 0) return;
    if (this.#sections === "gitlab")
      this.#line(`\x1B[0Ksection_end:${this.#unix()}:${this.#section}\r\x1B[0K`);
    else this.#line("::endgroup::");
    this.#section = void 0;
  }
  #unix() {
    return Math.floor(this.#ticker.now().getTime() / 1e3);
  }
  // --- Waits: a countdown on a terminal, a heartbeat in a log ---
  #startWaiting(reason, until) {
    const tick = this.#live ? () => this.#redraw() : () => this.#heartbeat();
    const stop = this.#ticker.every(this.#live ? this.#refreshMs : this.#heartbeatMs, tick);
    this.#waiting = {
      reason,
      until: until === void 0 ? void 0 : new Date(until),
      since: this.#ticker.now(),
      stop
    };
  }
  #stopWaiting() {
    this.#waiting?.stop();
    this.#waiting = void 0;
  }
  #heartbeat() {
    if (this.#waiting === void 0) return;
    this.#line(this.#colors.dim(`  still waiting: ${this.#countdown(this.#waiting)}`));
  }
  #countdown(waiting) {
    const now = this.#ticker.now();
    const reason = terminalSafe(waiting.reason);
    if (waiting.until === void 0)
      return `${reason} (${humanDuration(now.getTime() - waiting.since.getTime())} so far)`;
    const left = waiting.until.getTime() - now.getTime();
    const when = localTime(waiting.until, now, this.#timeZone);
    const shown = humanDuration(Math.ceil(left / 1e3) * 1e3);
    return left > 0 ? `${reason}, ${shown} left (until ${when})` : `${reason}, due now (${when})`;
  }
  #redraw() {
    this.#erase();
    this.#draw();
  }
  #draw() {
    if (!this.#live || this.#waiting === void 0 || this.#drawn) return;
    this.#write(maskSecrets(`  ${this.#colors.yellow("\u25F7")} ${this.#countdown(this.#waiting)}`));
    this.#drawn = true;
    process.once("exit", this.#eraseOnExit);
  }
  #erase() {
    if (!this.#drawn) return;
    this.#write(CLEAR_LINE);
    this.#drawn = false;
    process.off("exit", this.#eraseOnExit);
  }
  /** An exit while the live line is drawn (a crash, process.exit) still leaves the terminal clean. */
  #eraseOnExit = () => {
    if (this.#drawn) this.#write(CLEAR_LINE);
  };
};
var JsonReporter = class {
  constructor(write = (line) => process.stdout.write(`${line}
`), now = () => /* @__PURE__ */ new Date()) {
    this.write = write;
    this.now = now;
  }
  write;
  now;
  event(event) {
    const shown = event.type === "gate" ? { ...event, result: sanitizeGateResult(event.result) } : event;
    this.write(jsonLine(shown, this.now()));
  }
};
function shownEvent(event) {
  const safe = (text) => sanitizeEvidence(text, Number.POSITIVE_INFINITY);
  switch (event.type) {
    case "progress":
    case "done":
    case "warning":
      return { ...event, message: safe(event.message) };
    default:
      return event;
  }
}
function jsonLine(value, now = /* @__PURE__ */ new Date()) {
  const { type, ...fields } = value;
  return maskSecrets(JSON.stringify({ type, time: now.toISOString(), ...fields }));
}
function formatEvent(event, options = {}) {
  const c = options.colors ?? colors(false);
  switch (event.type) {
    case "release":
      return `${event.action === "resume" ? "resuming" : event.action === "supersede" ? "superseding with" : "starting"} release ${c.bold(event.release)} (${event.releaseId}) \u2192 ${event.image}, ${event.steps} steps${event.message ? `: ${event.message}` : ""}`;
    case "step":
      return c.bold(`[${event.index}/${event.total}] ${event.summary}`);
    case "commit":
      return `  committed ${c.yellow(event.sha.slice(0, 7))} ${event.subject} (weight ${event.weight}%, ${event.phase}${event.attempts > 1 ? `, pushed after ${event.attempts} attempts` : ""})`;
    case "wait": {
      const until = event.until === void 0 ? "" : `, ${describeUntil(event.until, options.now ?? /* @__PURE__ */ new Date(), options.timeZone)}`;
      return c.yellow(`  waiting: ${event.reason}${until}`);
    }
    case "progress":
      return c.dim(`  \u2026 ${event.message}`);
    case "warning":
      return `warning: ${event.field}: ${event.message}`;
    case "gate": {
      const r = sanitizeGateResult(event.result);
      const value = r.value === void 0 ? "" : ` value=${r.value}`;
      const threshold = r.threshold === void 0 ? "" : ` threshold ${r.threshold}`;
      const paint2 = r.verdict === "pass" ? c.green : r.verdict === "fail" ? c.red : c.yellow;
      return `  gate ${r.gate} (${r.kind}): ${paint2(r.verdict.toUpperCase())}${value}${threshold} \u2014 ${r.message}`;
    }
    case "done": {
      const paint2 = event.outcome === "rolledBack" || event.outcome === "aborted" || event.outcome === "superseded" ? c.red : event.outcome === "paused" || event.outcome === "waiting" ? c.yellow : c.green;
      return `${paint2(event.outcome)}: ${event.message}`;
    }
    case "pull-request":
      return `  ${event.reference} ${event.action}: ${event.message} ${c.dim(event.url)}`;
    case "notification":
      return `  notification to ${event.target} (${event.about}) failed: ${event.message}`;
    case "error":
      return void 0;
  }
}
function escapeWorkflowData(text) {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

// src/report/events.ts
function teeReporter(...reporters) {
  return {
    event(event) {
      for (const reporter of reporters) reporter.event(event);
    },
    async flush() {
      for (const reporter of reporters) await reporter.flush?.();
    }
  };
}

// src/report/files.ts
import { rename, stat, writeFile as writeFile4 } from "node:fs/promises";
import path4 from "node:path";

// src/report/dotenv.ts
var DOTENV_MAX_BYTES = 5120;
var DOTENV_VALUE_LIMIT = 512;
function dotenvVariables(facts) {
  const text = (value) => value === void 0 ? "" : String(value);
  return [
    ["GITCANARY_PHASE", text(facts.phase)],
    ["GITCANARY_STEP", text(facts.step)],
    ["GITCANARY_STEPS", text(facts.steps)],
    ["GITCANARY_WEIGHT", text(facts.weight)],
    ["GITCANARY_COMMIT", text(facts.commit)],
    ["GITCANARY_IMAGE", text(facts.image)],
    ["GITCANARY_RELEASE_ID", text(facts.releaseId)],
    ["GITCANARY_OUTCOME", text(facts.outcome)]
  ];
}
function dotenvText(facts) {
  const text = dotenvVariables(facts).map(([key, value]) => `${key}=${sanitizeDotenvValue(value)}
`).join("");
  if (Buffer.byteLength(text) >= DOTENV_MAX_BYTES)
    throw new GitcanaryError("INTERNAL", "the dotenv report is over GitLab\u2019s 5 KB limit");
  return text;
}
function sanitizeDotenvValue(value) {
  return maskSecrets(value).replace(/[^\x20-\x7e]|\$/g, "_").trim().slice(0, DOTENV_VALUE_LIMIT).trim();
}

// src/report/junit.ts
function gateCase(gate, where) {
  const evidence = describeEvidence(gate);
  const headline = `${gate.gate} (${gate.kind}): ${gate.verdict}${gate.value === void 0 ? "" : ` value=${gate.value}`}${gate.threshold === void 0 ? "" : ` threshold ${gate.threshold}`}`;
  const result = gate.verdict === "pass" ? { kind: "passed" } : gate.verdict === "fail" ? { kind: "failure", message: headline, text: evidence } : { kind: "skipped", message: `inconclusive: ${firstLine(gate.message)}`, text: evidence };
  return {
    ...where,
    name: `${gate.gate} (${gate.kind})`,
    result,
    ...gate.verdict === "pass" ? { output: evidence } : {}
  };
}
function gateCases(gate, where) {
  const cases = [gateCase(gate, where)];
  const table2 = gate.kind === "judge" ? parseJudgment(gate.message) : void 0;
  for (const row of table2?.rows ?? []) {
    const lines = [
      `${row.metric}${row.critical ? " (critical)" : ""}: ${row.classification}`,
      `canary median: ${row.canaryMedian}`,
      `baseline median: ${row.baselineMedian}`,
      `shift [${table2.confidence} interval]: ${row.shift}`,
      `p-value: ${row.pValue}`,
      `change: ${row.change}`,
      `samples (canary/baseline): ${row.samples}`,
      ...table2.notes.filter((note) => note.startsWith(`${row.metric}: `)),
      ...table2.baseline === void 0 ? [] : [`baseline: ${table2.baseline}`]
    ];
    const text = lines.join("\n");
    const headline = `${row.metric}: ${row.classification}, shift ${row.shift}, p-value ${row.pValue}`;
    const result = row.classification === "Pass" ? { kind: "passed" } : row.classification !== "NoData" && gate.verdict === "fail" ? { kind: "failure", message: headline, text } : { kind: "skipped", message: `${headline} (judgment ${gate.verdict})`, text };
    cases.push({
      ...where,
      time: void 0,
      name: `${gate.gate} \u203A ${row.metric}`,
      result,
      ...result.kind === "passed" ? { output: text } : {}
    });
  }
  return cases;
}
function describeEvidence(gate) {
  const lines = [
    `${gate.gate} (${gate.kind}): ${gate.verdict}`,
    ...gate.value === void 0 ? [] : [`value: ${gate.value}`],
    ...gate.threshold === void 0 ? [] : [`threshold: ${gate.threshold}`],
    `message: ${gate.message}`
  ];
  const measurements = "measurements" in gate ? gate.measurements : [];
  if (measurements.length > 0) {
    lines.push("measurements:");
    for (const m of measurements)
      lines.push(`- ${m.at} ${m.verdict}${m.value === void 0 ? "" : ` value=${m.value}`}: ${m.message}`);
  }
  return lines.join("\n");
}
function junitXml(name, cases) {
  const suites = /* @__PURE__ */ new Map();
  for (const c of cases) suites.set(c.suite, [...suites.get(c.suite) ?? [], c]);
  const count = (list, kind) => list.filter((c) => c.result.kind === kind).length;
  const seconds = (list) => list.reduce((sum, c) => sum + (c.time ?? 0), 0);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({
      name,
      tests: cases.length,
      failures: count(cases, "failure"),
      errors: count(cases, "error"),
      time: formatSeconds(seconds(cases))
    })}>`
  ];
  for (const [suite, list] of suites) {
    out.push(
      `  <testsuite${attributes({
        name: suite,
        tests: list.length,
        failures: count(list, "failure"),
        errors: count(list, "error"),
        skipped: count(list, "skipped"),
        time: formatSeconds(seconds(list)),
        timestamp: list[0]?.timestamp
      })}>`
    );
    for (const c of list) out.push(...testcase(c));
    out.push("  </testsuite>");
  }
  out.push("</testsuites>", "");
  return out.join("\n");
}
function testcase(c) {
  const open = `    <testcase${attributes({
    name: c.name,
    classname: c.classname,
    time: c.time === void 0 ? void 0 : formatSeconds(c.time),
    timestamp: c.timestamp
  })}`;
  const children = [];
  if (c.result.kind !== "passed") {
    const { kind, message: message2, text } = c.result;
    children.push(`      <${kind}${attributes({ message: message2 })}>${xmlText(text)}</${kind}>`);
  }
  if (c.output !== void 0) children.push(`      <system-out>${xmlText(c.output)}</system-out>`);
  return children.length === 0 ? [`${open}/>`] : [`${open}>`, ...children, "    </testcase>"];
}
function attributes(values) {
  return Object.entries(values).filter((entry) => entry[1] !== void 0).map(([key, value]) => ` ${key}="${xmlAttribute(String(value))}"`).join("");
}
var ESCAPE_SEQUENCE2 = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-Z\\-_]/g;
var NOT_XML = /[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
function xmlSafe(text) {
  return maskSecrets(text).replace(ESCAPE_SEQUENCE2, "").replace(NOT_XML, "\uFFFD");
}
function xmlText(text) {
  return xmlSafe(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function xmlAttribute(text) {
  return xmlText(text).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");
}
function formatSeconds(seconds) {
  return seconds.toFixed(3);
}
function firstLine(text) {
  return text.split("\n")[0] ?? "";
}

// src/report/files.ts
var ReportFiles = class {
  #options;
  #now;
  #release;
  #facts = {};
  #known = false;
  #cases = [];
  #place;
  #ended;
  #error;
  constructor(options) {
    this.#options = options;
    this.#now = options.now ?? (() => /* @__PURE__ */ new Date());
  }
  /** True when a file was asked for. */
  get wanted() {
    return this.#options.dotenv !== void 0 || this.#options.junit !== void 0;
  }
  event(event) {
    switch (event.type) {
      case "release":
        this.#release = event.release;
        this.#facts = { ...this.#facts, releaseId: event.releaseId, image: event.image, steps: event.steps };
        this.#known = true;
        return;
      case "step":
        this.#place = {
          suite: this.#suite(`[${event.index}/${event.total}] ${event.summary}`),
          since: this.#now()
        };
        return;
      case "commit":
        this.#facts = {
          ...this.#facts,
          commit: event.sha,
          step: event.index,
          steps: event.total,
          phase: event.phase,
          weight: event.weight
        };
        this.#known = true;
        this.#place = {
          suite: this.#suite(`[${event.index}/${event.total}] ${event.action}`),
          since: this.#now()
        };
        return;
      case "gate": {
        const place = this.#place ?? { suite: this.#suite("gates"), since: this.#now() };
        const time = (this.#now().getTime() - place.since.getTime()) / 1e3;
        this.#cases.push(
          ...gateCases(event.result, {
            suite: place.suite,
            classname: this.#classname(),
            time,
            timestamp: place.since.toISOString()
          })
        );
        return;
      }
      case "done":
        this.#ended = { outcome: event.outcome, exitCode: event.exitCode, message: event.message };
        this.#facts = { ...this.#facts, outcome: event.outcome };
        return;
      case "error":
        this.#error = {
          message: `${event.code}: ${event.message}`,
          text: [
            event.message,
            ...event.file === void 0 ? [] : [[event.file, event.line, event.column].filter((p) => p !== void 0).join(":")],
            ...[event.resource, event.field].filter((p) => p !== void 0),
            ...event.hint === void 0 ? [] : [`hint: ${event.hint}`]
          ].join("\n")
        };
        this.#facts = { ...this.#facts, outcome: "error" };
        return;
      default:
        return;
    }
  }
  /**
   * Where the release stands, read from Git as the command ends: it is what the dotenv file says.
   * `verdicts`: also every gate verdict its commits record, as test cases (`status --junit`).
   */
  observe(status, options = {}) {
    this.#release = status.release;
    this.#known = true;
    this.#facts = {
      ...this.#facts,
      phase: status.phase,
      step: status.step,
      steps: status.total,
      weight: status.weight,
      commit: status.lastCommit?.sha,
      image: status.image,
      releaseId: status.releaseId
    };
    if (!options.verdicts) return;
    for (const { gate, commit, step } of recordedVerdicts(status)) {
      const index = step?.index ?? commit.step;
      const summary = step?.summary ?? commit.action;
      this.#cases.push(
        ...gateCases(gate, {
          suite: this.#suite(`[${index}/${status.total}] ${summary}`),
          classname: this.#classname(),
          timestamp: commit.time
        })
      );
    }
  }
  /** Writes the files asked for; `exitCode` is the command's. */
  async write(exitCode2) {
    const { dotenv, junit } = this.#options;
    if (dotenv !== void 0 && this.#known) await writeAtomically(dotenv, dotenvText(this.#facts));
    if (junit !== void 0) {
      const name = `gitcanary ${this.#release ?? this.#options.command}`;
      await writeAtomically(junit, junitXml(name, [...this.#cases, this.#outcomeCase(exitCode2)]));
    }
  }
  /** The command itself as a test case: passed when it exits 0 or 3 (waiting), else why not. */
  #outcomeCase(exitCode2) {
    const where = {
      suite: this.#suite("outcome"),
      classname: this.#classname(),
      name: `gitcanary ${this.#options.command}`,
      timestamp: this.#now().toISOString()
    };
    if (this.#error !== void 0) return { ...where, result: { kind: "error", ...this.#error } };
    const said = this.#ended === void 0 ? `exit ${exitCode2}` : `${this.#ended.outcome}: ${this.#ended.message}`;
    if (exitCode2 === 0 || exitCode2 === 3) return { ...where, result: { kind: "passed" }, output: said };
    const failed = this.#cases.filter((c) => c.result.kind === "failure").map((c) => `${c.suite}: ${c.name}`);
    return {
      ...where,
      result: { kind: "failure", message: said, text: [said, ...failed].join("\n") }
    };
  }
  #suite(what) {
    return `${this.#release ?? "release"} ${what}`;
  }
  #classname() {
    return `gitcanary.${this.#release ?? "release"}`;
  }
};
async function checkReportPath(file, option) {
  const dir = path4.dirname(path4.resolve(file));
  const folder = await stat(dir).catch(() => void 0);
  if (!folder?.isDirectory())
    throw new GitcanaryError("USAGE", `${file}: the folder ${dir} does not exist`, {
      field: option,
      hint: "create the folder first, or write the report into an existing one"
    });
  const target = await stat(file).catch(() => void 0);
  if (target?.isDirectory())
    throw new GitcanaryError("USAGE", `${option} ${file} is a folder`, {
      field: option,
      hint: "name a file"
    });
}
async function writeAtomically(file, text) {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile4(temporary, text);
  await rename(temporary, file);
}

// src/cli/output.ts
var EXIT = {
  ok: 0,
  rolledBack: 1,
  badInput: 2,
  waiting: 3,
  internal: 4,
  /** SIGINT/SIGTERM, as shells report them (128 + SIGINT). */
  interrupted: 130
};
var printable = (line) => maskSecrets(sanitizeEvidence(line, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY));
var SGR = /(\u001b\[[0-9;]*m)/;
function printOut(line, options = {}) {
  const text = options.styled ? line.split(SGR).map((part, index) => index % 2 === 1 ? part : printable(part)).join("") : printable(line);
  process.stdout.write(`${text}
`);
}
function printErr(line) {
  process.stderr.write(`${printable(line)}
`);
}
var INTERNAL_CODES = /* @__PURE__ */ new Set([
  "INTERNAL",
  "GIT_FAILED",
  "GIT_PUSH_CONFLICT",
  "GIT_TIP_MOVED",
  "FORGE_FAILED",
  "SYNC_FAILED"
]);
function exitCodeFor(error) {
  if (error instanceof GitcanaryError && error.code === "INTERRUPTED") return EXIT.interrupted;
  if (error instanceof GitcanaryError) return INTERNAL_CODES.has(error.code) ? EXIT.internal : EXIT.badInput;
  return EXIT.internal;
}
function formatError(error) {
  if (error instanceof GitcanaryError) return `error: ${error.format()}`;
  const message2 = error instanceof Error ? error.stack ?? error.message : String(error);
  return `error: internal: ${message2}`;
}
function reportError(error, json, human = true) {
  if (human) printErr(formatError(error));
  if (json) printOut(jsonLine(errorEvent(error)));
}
function withConfigFile(error, config) {
  if (!(error instanceof GitcanaryError) || typeof config !== "string") return error;
  const { file, field: field2 } = error.place;
  if (file !== void 0 || field2 === void 0 || !/^(spec|metadata)\b/.test(field2)) return error;
  return new GitcanaryError(error.code, error.message, {
    ...error.place,
    file: config,
    hint: error.hint,
    cause: error
  });
}
var exitCode = EXIT.ok;
function lastExitCode() {
  return exitCode;
}
function resetExitCode() {
  exitCode = EXIT.ok;
}
function action(fn) {
  return async (...args) => {
    try {
      exitCode = await fn(...args) ?? EXIT.ok;
    } catch (error) {
      const command = args.at(-1);
      const options = command instanceof Command ? command.opts() : {};
      const placed = withConfigFile(error, options.config);
      reportError(placed, options.json === true);
      exitCode = exitCodeFor(placed);
    }
  };
}
var CommandOutput = class {
  reporter;
  files;
  #json;
  #print;
  constructor(command, options, env = process.env) {
    this.#json = options.json === true;
    this.files = new ReportFiles({ command, dotenv: options.dotenv, junit: options.junit });
    this.#print = this.#json ? new JsonReporter() : new ConsoleReporter(consoleOptionsFor(env, process.stdout));
    this.reporter = teeReporter(this.#print, this.files);
  }
  get json() {
    return this.#json;
  }
  /** A command's answer: one JSON line of `type` with `value`'s fields, or the text for people. */
  answer(type, value, text) {
    if (this.#json) printOut(jsonLine({ type, ...value }));
    else printOut(text(), { styled: true });
  }
  /**
   * Where the release stands as the command ends, for the report files (read only when one is
   * asked for). A release that cannot be read leaves the files to what the events said.
   */
  async settle(read) {
    if (!this.files.wanted) return;
    try {
      this.files.observe(await read());
    } catch {
    }
  }
  /** `status`: the status it read, with the commits' verdicts, for the report files. */
  observeStatus(status) {
    this.files.observe(status, { verdicts: true });
  }
  /** An error: for people on stderr; with `--json` also an `error` line on stdout; in the files. */
  error(error) {
    this.reporter.event(errorEvent(error));
    printErr(formatError(error));
  }
};
function errorEvent(error) {
  const exitCode2 = exitCodeFor(error);
  if (error instanceof GitcanaryError) {
    const { file, line, column, resource, field: field2 } = error.place;
    return {
      type: "error",
      code: error.code,
      message: error.message,
      ...file === void 0 ? {} : { file },
      ...line === void 0 ? {} : { line },
      ...column === void 0 ? {} : { column },
      ...resource === void 0 ? {} : { resource },
      ...field2 === void 0 ? {} : { field: field2 },
      ...error.hint === void 0 ? {} : { hint: error.hint },
      exitCode: exitCode2
    };
  }
  return {
    type: "error",
    code: "INTERNAL",
    message: error instanceof Error ? error.message : String(error),
    exitCode: exitCode2
  };
}
function releaseAction(command, fn) {
  return async (options) => {
    const output = new CommandOutput(command, options);
    let code;
    try {
      if (options.dotenv !== void 0) await checkReportPath(options.dotenv, "--dotenv");
      if (options.junit !== void 0) await checkReportPath(options.junit, "--junit");
      code = await fn(options, output);
    } catch (error) {
      const placed = withConfigFile(error, options.config);
      output.error(placed);
      code = exitCodeFor(placed);
    }
    try {
      await output.files.write(code);
    } catch (error) {
      printErr(formatError(error));
      if (code === EXIT.ok) code = EXIT.internal;
    }
    exitCode = code;
  };
}
var interrupt = new AbortController();
var interruptSignal = interrupt.signal;
var FORCE_EXIT_AFTER_MS = 15e3;
function installSignalHandlers() {
  const onSignal = (signal) => {
    if (interrupt.signal.aborted) {
      forceExit();
      return;
    }
    interrupt.abort(
      new GitcanaryError("INTERRUPTED", `interrupted by ${signal}; nothing more was committed`, {
        hint: "run again to resume from the Git history"
      })
    );
    void signalDescendants("SIGTERM");
    setTimeout(forceExit, FORCE_EXIT_AFTER_MS).unref();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}
async function signalDescendants(signal) {
  const listing = await new Promise(
    (resolve) => execFile("ps", ["-A", "-o", "pid=", "-o", "ppid="], (error, stdout) => resolve(error ? "" : stdout))
  );
  const children = /* @__PURE__ */ new Map();
  for (const line of listing.split("\n")) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (pid === void 0 || ppid === void 0 || Number.isNaN(pid)) continue;
    children.set(ppid, [...children.get(ppid) ?? [], pid]);
  }
  const below = (pid) => (children.get(pid) ?? []).flatMap((child) => [child, ...below(child)]);
  for (const pid of below(process.pid)) {
    try {
      process.kill(pid, signal);
    } catch {
    }
  }
}
function forceExit() {
  removeOwnedTempDirs();
  process.exit(EXIT.interrupted);
}

export {
  CommanderError,
  Command,
  Option,
  LeaseMoved,
  NOTES_REF,
  GITCANARY_TRAILERS,
  openRepository,
  sanitizeGateResult,
  colorEnabled,
  renderStatus,
  EXIT,
  printOut,
  printErr,
  reportError,
  lastExitCode,
  resetExitCode,
  action,
  releaseAction,
  interruptSignal,
  installSignalHandlers
};
