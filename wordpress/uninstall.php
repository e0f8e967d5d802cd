<?php
// Removing the plugin removes its one setting. Visitors' answers were only ever in their own
// browsers; nothing of theirs is on this server.
if (!defined('WP_UNINSTALL_PLUGIN')) {
    exit;
}
delete_option('greenfit_config');
