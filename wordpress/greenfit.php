<?php
/**
 * Plugin Name:       greenfit
 * Description:       A sustainability self-check and value-proposition canvas for your cluster's member companies. Answers stay in the visitor's browser: nothing is sent to your server or anyone else's.
 * Version:           {{VERSION}}
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            greenfit
 * License:           MIT OR Apache-2.0 (both compatible with GPL-2.0-or-later)
 * License URI:       https://opensource.org/license/mit
 * Text Domain:       greenfit
 *
 * Adds the [greenfit] shortcode and the "greenfit self-check" block. The widget's files are in
 * assets/ and are loaded only on pages that show the widget.
 */

if (!defined('ABSPATH')) {
    exit;
}

const GREENFIT_VERSION = '{{VERSION}}';
const GREENFIT_OPTION = 'greenfit_config';

/** The widget's script, as a module, only once per page and only where it is used. */
function greenfit_enqueue_widget() {
    wp_enqueue_script('greenfit', plugins_url('assets/greenfit.js', __FILE__), array(), GREENFIT_VERSION, true);
}

/** WordPress 6.1 has no module scripts yet: mark greenfit's script as one. */
add_filter('script_loader_tag', function ($tag, $handle) {
    if ($handle === 'greenfit') {
        $tag = str_replace('<script ', '<script type="module" ', $tag);
    }
    return $tag;
}, 10, 2);

/**
 * The widget's HTML. Attributes are optional; without `config`, the configuration saved under
 * Settings → greenfit is put inline, so no extra request is needed.
 */
function greenfit_render($atts) {
    $atts = shortcode_atts(
        array('config' => '', 'lang' => '', 'modules' => '', 'storage-key' => ''),
        is_array($atts) ? $atts : array(),
        'greenfit'
    );
    greenfit_enqueue_widget();
    $html = '<greenfit-widget';
    foreach (array('config', 'lang', 'modules', 'storage-key') as $name) {
        $value = trim((string) $atts[$name]);
        if ($value !== '') {
            $html .= ' ' . $name . '="' . esc_attr($value) . '"';
        }
    }
    $html .= '>';
    $stored = get_option(GREENFIT_OPTION, '');
    if (trim((string) $atts['config']) === '' && is_string($stored) && $stored !== '') {
        $decoded = json_decode($stored);
        if (is_object($decoded)) {
            // JSON_HEX_TAG keeps "</script>" in a text from ending the element early.
            $html .= '<script type="application/json">'
                . wp_json_encode($decoded, JSON_HEX_TAG | JSON_HEX_AMP | JSON_UNESCAPED_UNICODE)
                . '</script>';
        }
    }
    return $html . '</greenfit-widget>';
}

add_shortcode('greenfit', 'greenfit_render');

/** The block: the same widget, with its settings in the block sidebar. */
add_action('init', function () {
    wp_register_script(
        'greenfit-block-editor',
        plugins_url('block/index.js', __FILE__),
        array('wp-blocks', 'wp-element', 'wp-components', 'wp-block-editor', 'wp-i18n'),
        GREENFIT_VERSION,
        true
    );
    register_block_type(__DIR__ . '/block', array(
        'editor_script' => 'greenfit-block-editor',
        'render_callback' => function ($attributes) {
            return greenfit_render(array(
                'config' => isset($attributes['config']) ? $attributes['config'] : '',
                'lang' => isset($attributes['lang']) ? $attributes['lang'] : '',
                'modules' => isset($attributes['modules']) ? $attributes['modules'] : '',
                'storage-key' => isset($attributes['storageKey']) ? $attributes['storageKey'] : '',
            ));
        },
    ));
});

/** Settings → greenfit: paste or upload the cluster configuration, checked before saving. */
add_action('admin_menu', function () {
    add_options_page('greenfit', 'greenfit', 'manage_options', 'greenfit', 'greenfit_settings_page');
});

add_action('admin_init', function () {
    register_setting('greenfit', GREENFIT_OPTION, array(
        'type' => 'string',
        'default' => '',
        'sanitize_callback' => 'greenfit_sanitize_config',
    ));
});

/**
 * The server's own check: the text must be a JSON object. Every other rule is checked in the
 * browser by greenfit itself (the same rules and messages as the config check page), and the
 * form is not sent while it finds a problem.
 */
function greenfit_sanitize_config($value) {
    $value = trim((string) $value);
    if ($value === '') {
        return '';
    }
    // Objects stay objects ({} is not []), so the configuration is saved as it was written.
    $decoded = json_decode($value);
    if (!is_object($decoded)) {
        add_settings_error(GREENFIT_OPTION, 'greenfit-json', sprintf(
            /* translators: %s: the JSON parser's message */
            __('The configuration was not saved: it is not a JSON object (%s).', 'greenfit'),
            json_last_error_msg()
        ));
        return get_option(GREENFIT_OPTION, '');
    }
    return wp_json_encode($decoded, JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
}

function greenfit_settings_page() {
    if (!current_user_can('manage_options')) {
        return;
    }
    greenfit_enqueue_widget();
    wp_enqueue_script('greenfit-settings', plugins_url('admin/settings.js', __FILE__), array(), GREENFIT_VERSION, true);
    $config = get_option(GREENFIT_OPTION, '');
    ?>
    <div class="wrap">
        <h1><?php esc_html_e('greenfit', 'greenfit'); ?></h1>
        <p><?php esc_html_e('Paste or upload your cluster configuration (JSON; see docs/config.md in the greenfit release). It is checked with greenfit\'s own rules before it is saved, and used by every [greenfit] shortcode and greenfit block without a config attribute.', 'greenfit'); ?></p>
        <form method="post" action="options.php" id="greenfit-settings">
            <?php settings_fields('greenfit'); ?>
            <p>
                <label for="greenfit-config"><strong><?php esc_html_e('Configuration', 'greenfit'); ?></strong></label><br>
                <textarea id="greenfit-config" name="<?php echo esc_attr(GREENFIT_OPTION); ?>" rows="20" cols="100" class="large-text code" spellcheck="false"><?php echo esc_textarea($config); ?></textarea>
            </p>
            <p>
                <label for="greenfit-upload"><?php esc_html_e('Or upload a file:', 'greenfit'); ?></label>
                <input type="file" id="greenfit-upload" accept=".json,application/json">
            </p>
            <div id="greenfit-check" role="status" aria-live="polite"></div>
            <ul id="greenfit-problems"></ul>
            <?php submit_button(__('Check and save', 'greenfit')); ?>
        </form>
        <h2><?php esc_html_e('Preview', 'greenfit'); ?></h2>
        <div id="greenfit-preview"></div>
        <h2><?php esc_html_e('Use it', 'greenfit'); ?></h2>
        <p><?php esc_html_e('Add the "greenfit self-check" block, or the shortcode:', 'greenfit'); ?>
            <code>[greenfit lang="de" modules="selfcheck canvas" storage-key="selfcheck"]</code></p>
    </div>
    <?php
}
