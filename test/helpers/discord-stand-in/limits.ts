// The stand-in's judge of what the bot sends, with Discord's documented limits written out
// here on their own (not imported from the adapter), so the adapter cannot pass by agreeing
// with itself. A violation is answered as Discord does: 400, code 50035.

type Json = Record<string, any>;

const EMBED = { title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048, author: 256, total: 6000, perMessage: 10 };
const COMPONENTS = { rows: 5, buttonsPerRow: 5, label: 80, customId: 100, options: 25, optionText: 100, placeholder: 150 };

export function messageProblems(message: Json): string[] {
  const problems: string[] = [];
  const tooLong = (where: string, value: unknown, max: number, min = 0) => {
    if (value === undefined || value === null) return;
    if (typeof value !== 'string') problems.push(`${where}: must be a string`);
    else if (value.length > max) problems.push(`${where}: must be ${max} or fewer in length (is ${value.length})`);
    else if (value.length < min) problems.push(`${where}: must be ${min} or more in length`);
  };
  tooLong('content', message.content, 2000);
  const embeds: Json[] = message.embeds ?? [];
  if (embeds.length > EMBED.perMessage) problems.push(`embeds: at most ${EMBED.perMessage}`);
  let total = 0;
  embeds.forEach((embed, i) => {
    const at = `embeds[${i}]`;
    tooLong(`${at}.title`, embed.title, EMBED.title);
    tooLong(`${at}.description`, embed.description, EMBED.description);
    tooLong(`${at}.footer.text`, embed.footer?.text, EMBED.footer);
    tooLong(`${at}.author.name`, embed.author?.name, EMBED.author);
    const fields: Json[] = embed.fields ?? [];
    if (fields.length > EMBED.fields) problems.push(`${at}.fields: at most ${EMBED.fields}`);
    fields.forEach((field, j) => {
      tooLong(`${at}.fields[${j}].name`, field.name, EMBED.fieldName, 1);
      tooLong(`${at}.fields[${j}].value`, field.value, EMBED.fieldValue, 1);
    });
    total += [embed.title, embed.description, embed.footer?.text, embed.author?.name, ...fields.flatMap((f) => [f.name, f.value])]
      .filter((s): s is string => typeof s === 'string')
      .reduce((n, s) => n + s.length, 0);
  });
  if (total > EMBED.total) problems.push(`embeds: ${total} characters in all, over ${EMBED.total}`);

  const rows: Json[] = message.components ?? [];
  if (rows.length > COMPONENTS.rows) problems.push(`components: at most ${COMPONENTS.rows} rows`);
  const customIds = new Set<string>();
  rows.forEach((row, i) => {
    const at = `components[${i}]`;
    if (row.type !== 1) return void problems.push(`${at}: top-level components must be action rows`);
    const children: Json[] = row.components ?? [];
    const selects = children.filter((c) => c.type === 3);
    if (children.length === 0) problems.push(`${at}: an action row needs components`);
    if (selects.length > 0 && children.length > 1) problems.push(`${at}: a select menu must be alone in its row`);
    if (children.length > COMPONENTS.buttonsPerRow) problems.push(`${at}: at most ${COMPONENTS.buttonsPerRow} buttons`);
    children.forEach((c, j) => {
      const where = `${at}.components[${j}]`;
      tooLong(`${where}.custom_id`, c.custom_id, COMPONENTS.customId, 1);
      if (typeof c.custom_id === 'string') {
        if (customIds.has(c.custom_id)) problems.push(`${where}.custom_id: duplicated in the message`);
        customIds.add(c.custom_id);
      }
      if (c.type === 2) tooLong(`${where}.label`, c.label, COMPONENTS.label);
      if (c.type === 3) {
        tooLong(`${where}.placeholder`, c.placeholder, COMPONENTS.placeholder);
        const options: Json[] = c.options ?? [];
        if (options.length < 1 || options.length > COMPONENTS.options) problems.push(`${where}.options: 1 to ${COMPONENTS.options} options`);
        const values = new Set<string>();
        options.forEach((o, k) => {
          tooLong(`${where}.options[${k}].label`, o.label, COMPONENTS.optionText, 1);
          tooLong(`${where}.options[${k}].value`, o.value, COMPONENTS.optionText, 1);
          tooLong(`${where}.options[${k}].description`, o.description, COMPONENTS.optionText);
          if (values.has(o.value)) problems.push(`${where}.options[${k}].value: duplicated`);
          values.add(o.value);
        });
      }
    });
  });
  return problems;
}

export function choiceProblems(choices: unknown): string[] {
  if (!Array.isArray(choices)) return ['choices: must be an array'];
  const problems: string[] = [];
  if (choices.length > 25) problems.push(`choices: at most 25 (got ${choices.length})`);
  choices.forEach((c: Json, i) => {
    if (typeof c.name !== 'string' || c.name.length < 1 || c.name.length > 100) problems.push(`choices[${i}].name: 1 to 100 characters`);
    if (typeof c.value !== 'string' || c.value.length > 100) problems.push(`choices[${i}].value: a string of at most 100 characters`);
  });
  return problems;
}

/** Registration rules that Discord enforces on a command. */
export function commandProblems(command: Json, i: number): string[] {
  const problems: string[] = [];
  const at = `[${i}]`;
  if (typeof command.name !== 'string' || !/^[-_\p{L}\p{N}]{1,32}$/u.test(command.name) || command.name !== command.name.toLowerCase()) problems.push(`${at}.name: invalid`);
  if (typeof command.description !== 'string' || command.description.length < 1 || command.description.length > 100) problems.push(`${at}.description: 1 to 100 characters`);
  const options: Json[] = command.options ?? [];
  if (options.length > 25) problems.push(`${at}.options: at most 25`);
  let optionalSeen = false;
  options.forEach((o, j) => {
    if (o.required && optionalSeen) problems.push(`${at}.options[${j}]: required options must come first`);
    if (!o.required) optionalSeen = true;
    if (typeof o.description !== 'string' || o.description.length < 1 || o.description.length > 100) problems.push(`${at}.options[${j}].description: 1 to 100 characters`);
    if (o.max_length !== undefined && (o.max_length < 1 || o.max_length > 6000)) problems.push(`${at}.options[${j}].max_length: 1 to 6000`);
    // Only string (3), integer (4) and number (10) options may autocomplete or have lengths.
    if (o.type !== 3 && (o.max_length !== undefined || o.autocomplete)) problems.push(`${at}.options[${j}]: only string options take max_length or autocomplete`);
  });
  if (command.default_member_permissions !== undefined && command.default_member_permissions !== null && !/^\d+$/.test(command.default_member_permissions)) {
    problems.push(`${at}.default_member_permissions: a permission bit set as a string`);
  }
  return problems;
}

/** A modal as Discord takes it: a custom id, a title of at most 45, up to 5 rows of text inputs. */
export function modalProblems(modal: Json | undefined): string[] {
  if (!modal) return ['data: a modal needs data'];
  const problems: string[] = [];
  if (typeof modal.custom_id !== 'string' || modal.custom_id.length < 1 || modal.custom_id.length > 100) problems.push('custom_id: 1 to 100 characters');
  if (typeof modal.title !== 'string' || modal.title.length < 1 || modal.title.length > 45) problems.push('title: 1 to 45 characters');
  const rows: Json[] = modal.components ?? [];
  if (rows.length < 1 || rows.length > 5) problems.push('components: 1 to 5 rows');
  rows.forEach((row, i) => {
    for (const [j, input] of ((row.components ?? []) as Json[]).entries()) {
      const at = `components[${i}].components[${j}]`;
      if (input.type !== 4) problems.push(`${at}: a modal row holds text inputs`);
      if (typeof input.label !== 'string' || input.label.length < 1 || input.label.length > 45) problems.push(`${at}.label: 1 to 45 characters`);
      if (input.placeholder !== undefined && (typeof input.placeholder !== 'string' || input.placeholder.length > 100)) problems.push(`${at}.placeholder: at most 100 characters`);
      if (input.max_length !== undefined && (input.max_length < 1 || input.max_length > 4000)) problems.push(`${at}.max_length: 1 to 4000`);
      if (input.style !== 1 && input.style !== 2) problems.push(`${at}.style: 1 or 2`);
    }
  });
  return problems;
}
