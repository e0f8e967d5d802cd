// The block editor side of the greenfit block: settings in the sidebar, a placeholder in the
// editor. The widget itself is rendered by PHP (the same as the [greenfit] shortcode).
(function (blocks, element, components, blockEditor, i18n) {
  const el = element.createElement;
  const __ = i18n.__;
  const fields = [
    ['lang', __('Language (en, de, fr, es, it, pl; empty: the page\'s)', 'greenfit')],
    ['modules', __('Modules ("selfcheck", "canvas" or both)', 'greenfit')],
    ['storageKey', __('Storage key (letters, digits, - and _)', 'greenfit')],
    ['config', __('Configuration URL (empty: Settings → greenfit)', 'greenfit')],
  ];
  blocks.registerBlockType('greenfit/widget', {
    edit: function (props) {
      return el('div', blockEditor.useBlockProps(),
        el(blockEditor.InspectorControls, null,
          el(components.PanelBody, { title: __('greenfit', 'greenfit') },
            fields.map(function (field) {
              return el(components.TextControl, {
                key: field[0],
                label: field[1],
                value: props.attributes[field[0]],
                onChange: function (value) {
                  const change = {};
                  change[field[0]] = value;
                  props.setAttributes(change);
                },
              });
            }))),
        el(components.Placeholder, {
          icon: 'chart-pie',
          label: __('greenfit self-check', 'greenfit'),
          instructions: __('Visitors see the self-check here. Its settings are in the block sidebar.', 'greenfit'),
        }));
    },
    save: function () { return null; },
  });
}(window.wp.blocks, window.wp.element, window.wp.components, window.wp.blockEditor, window.wp.i18n));
