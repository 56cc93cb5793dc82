/**
 * The Node-RED editor in a Chromium page, driven as a person would with it — palette, edit
 * dialogs, help sidebar, Deploy button, an inject node's button — plus the editor's own API
 * (RED.view.importNodes, RED.editor.edit / editConfig) where a person would drag or double-click.
 * Every wait is bounded (Playwright's default timeout, set here).
 */
import type { Browser, Page } from 'playwright-core';
import { PageErrors } from './chromium';

/** The editor's globals, inside page.evaluate only (they live in the page, not in Node). */
declare const RED: any;
declare const $: any;

const WAIT_MS = 10_000;
const LOAD_MS = 30_000;
const VIEWPORT = { width: 1400, height: 900 };

/** What an open edit dialog shows: every label, option, placeholder and title; i18n keys left unresolved. */
export interface DialogText { texts: string[]; unresolved: string[] }

export class EditorPage {
  readonly errors: PageErrors;

  private constructor(readonly page: Page) {
    this.errors = new PageErrors(page);
    page.setDefaultTimeout(WAIT_MS);
  }

  /** Opens the editor at `base` and waits until every type in `types` is registered and the palette drawn. */
  static async open(browser: Browser, base: string, types: string[]): Promise<EditorPage> {
    const editor = new EditorPage(await browser.newPage({ viewport: VIEWPORT }));
    await editor.page.goto(base, { timeout: LOAD_MS });
    await editor.page.waitForFunction((wanted: string[]) => typeof RED !== 'undefined' && RED.nodes?.getType
      && wanted.every((type) => RED.nodes.getType(type)) && RED.workspaces.active()
      && $('.red-ui-palette-node').length > 0, types, { timeout: LOAD_MS });
    return editor;
  }

  /** Palette category and label (as shown, one line) of each type that has a palette entry. */
  palette(): Promise<{ type: string; category: string; label: string }[]> {
    return this.page.evaluate(() => $('.red-ui-palette-node').map(function (this: any) {
      return {
        type: $(this).attr('data-palette-type'),
        category: $(this).closest('.red-ui-palette-category').find('.red-ui-palette-header span').first().text(),
        label: $(this).find('.red-ui-palette-label').text().replace(/\s+/g, ' ').trim(),
      };
    }).get());
  }

  /** Which of `types` are config nodes (category "config" in their registration). */
  async configTypes(types: string[]): Promise<Set<string>> {
    return new Set(await this.page.evaluate((types: string[]) =>
      types.filter((type) => RED.nodes.getType(type).category === 'config'), types));
  }

  /**
   * Adds one node of each type: config nodes global, the others on a new tab `tab` in a grid,
   * each config property pointing at the config node of its type. Resolves with type → id.
   */
  async addEveryType(types: string[], tab: string): Promise<Record<string, string>> {
    const { nodes, ids } = await this.page.evaluate(({ types, tab }) => {
      const ids: Record<string, string> = Object.fromEntries(types.map((type) => [type, RED.nodes.id()]));
      const nodes: object[] = [{ id: tab, type: 'tab', label: 'every IMD node' }];
      types.forEach((type, i) => {
        const def = RED.nodes.getType(type);
        const node: Record<string, unknown> = { id: ids[type], type };
        for (const [property, spec] of Object.entries<any>(def.defaults)) if (ids[spec.type]) node[property] = ids[spec.type];
        if (def.category !== 'config') Object.assign(node, { z: tab, x: 140 + 220 * (i % 4), y: 60 + 70 * Math.floor(i / 4), wires: [] });
        nodes.push(node);
      });
      return { nodes, ids };
    }, { types, tab });
    await this.importNodes(nodes, tab);
    return ids;
  }

  /** Adds nodes (a tab and what is on it, config nodes) through the editor's import, and shows `tab`. */
  async importNodes(nodes: object[], tab: string): Promise<void> {
    await this.page.evaluate(({ nodes, tab }) => {
      RED.view.importNodes(nodes, { touchImport: true, generateIds: false, applyNodeDefaults: true, notify: false });
      RED.workspaces.show(tab);
    }, { nodes, tab });
  }

  /** Opens the node's edit dialog (a config node's through the config-node editor) and waits until it has slid in. */
  async edit(id: string): Promise<void> {
    await this.page.evaluate((id: string) => {
      const node = RED.nodes.node(id);
      if (node._def.category === 'config') RED.editor.editConfig('', node.type, id);
      else RED.editor.edit(node);
    }, id);
    await this.page.locator('.red-ui-tray-footer').last().waitFor({ state: 'visible' });
    await this.page.waitForFunction(() => {
      const tray = $('.red-ui-tray').last()[0]?.getBoundingClientRect();
      const stack = $('#red-ui-editor-stack')[0].getBoundingClientRect();
      return tray && Math.abs(tray.right - stack.right) < 1;
    });
  }

  /** The text of the open dialog, and the data-i18n keys whose text is missing or the key itself. */
  dialogText(): Promise<DialogText> {
    return this.page.evaluate(() => {
      const tray = $('.red-ui-tray').last();
      const unresolved: string[] = [];
      tray.find('[data-i18n]').each(function (this: any) {
        for (const part of String($(this).attr('data-i18n')).split(';')) {
          const [, attribute, key] = /^\s*(?:\[([\w-]+)\])?(.+?)\s*$/.exec(part)!;
          const shown = !attribute || attribute === 'html' ? $(this).text() : $(this).attr(attribute);
          if (!shown || !String(shown).trim() || shown === key || shown === key!.replace(/^[\w-]+:/, '')) unresolved.push(key!);
        }
      });
      const texts = [tray.find('.red-ui-tray-header, .red-ui-tray-body').text()];
      tray.find('[placeholder], [title]').each(function (this: any) {
        texts.push($(this).attr('placeholder') ?? '', $(this).attr('title') ?? '');
      });
      return { texts: texts.map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean), unresolved };
    });
  }

  /** The node's label on the canvas and its port labels, as the editor computes them. */
  nodeLabels(id: string): Promise<string[]> {
    return this.page.evaluate((id: string) => {
      const node = RED.nodes.node(id);
      const def = node._def;
      const labels = [RED.utils.getNodeLabel(node, node.type)];
      if (typeof def.inputLabels === 'function') labels.push(def.inputLabels.call(node, 0));
      for (let port = 0; typeof def.outputLabels === 'function' && port < (node.outputs ?? 0); port++) {
        labels.push(def.outputLabels.call(node, port));
      }
      return labels.map(String);
    }, id);
  }

  /** Presses the dialog's help button; resolves with the help sidebar's title and first paragraph. */
  async help(): Promise<{ title: string; intro: string; length: number }> {
    await this.page.locator('.red-ui-tray-footer').last().locator('button:has(i.fa-book)').click();
    await this.page.locator('.red-ui-sidebar-help-stack .red-ui-help-title').waitFor({ state: 'visible' });
    return this.page.evaluate(() => {
      const help = $('.red-ui-sidebar-help-stack .red-ui-help-title').parent();
      return {
        title: help.find('.red-ui-help-title').text(),
        intro: help.find('p').first().text().replace(/\s+/g, ' ').trim(),
        length: help.text().trim().length,
      };
    });
  }

  /** The text of the first paragraph of help HTML, as the browser reads it. */
  introOf(helpHtml: string): Promise<string> {
    return this.page.evaluate((html: string) => $('<div>').html(html).find('p').first().text().replace(/\s+/g, ' ').trim(), helpHtml);
  }

  /** Presses Cancel and waits until the dialog is gone. */
  async cancel(): Promise<void> {
    const open = await this.page.locator('.red-ui-tray').count();
    await this.page.locator('.red-ui-tray').last().locator('#node-dialog-cancel, #node-config-dialog-cancel').click();
    await this.page.waitForFunction((open: number) => $('.red-ui-tray').length < open, open);
  }

  /** Cancels every open dialog (after a failed test, so the next starts from the bare editor). */
  async cancelAll(): Promise<void> {
    while (await this.page.locator('.red-ui-tray').count() > 0) await this.cancel();
  }

  /** The options of a select in the open dialog: value and text. */
  options(select: string): Promise<{ value: string; text: string }[]> {
    return this.page.locator(`${select} option`).evaluateAll((options) =>
      options.map((o: any) => ({ value: String(o.value), text: String(o.textContent) })));
  }

  /** Presses Deploy and waits until the editor says there is nothing left to deploy. */
  async deploy(): Promise<void> {
    await this.page.locator('#red-ui-header-button-deploy').click();
    await this.page.waitForFunction(() => !RED.nodes.dirty() && $('#red-ui-header-button-deploy').hasClass('disabled'));
  }

  /** Clicks away the notifications ("Successfully deployed" …) so they do not cover the next screenshots. */
  async dismissNotifications(): Promise<void> {
    await this.page.evaluate(() => $('.red-ui-notification').trigger('click'));
    await this.page.waitForFunction(() => $('.red-ui-notification:visible').length === 0);
  }

  /** Presses the button of an inject node on the canvas. */
  async pressInject(id: string): Promise<void> {
    await this.page.locator(`[id="${id}"] .red-ui-flow-node-button-button`).click();
  }

  /** Waits until the node's status on the canvas reads `text`. */
  async waitForStatus(id: string, text: string): Promise<void> {
    await this.page.locator(`[id="${id}"] .red-ui-flow-node-status-label`).filter({ hasText: text }).waitFor();
  }

  /** Opens the debug sidebar; resolves with the text of the first message there that mentions `text`. */
  async debugMessage(text: string): Promise<string> {
    await this.page.evaluate(() => RED.sidebar.show('debug'));
    const message = this.page.locator('.red-ui-debug-msg').filter({ hasText: text }).first();
    await message.waitFor();
    return message.innerText();
  }

  screenshot(file: string): Promise<Buffer> {
    return this.page.screenshot({ path: file });
  }
}
