/* CNcurses: the ncursesw C API for Swift, plus small functions for the macros and
 * globals that Swift cannot import directly (COLOR_PAIR, getmaxyx, LINES/COLS, ...). */
#ifndef KEYWIZARD_CNCURSES_SHIM_H
#define KEYWIZARD_CNCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <sys/ioctl.h>
#include <unistd.h>

static inline int kw_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int kw_lines(void) { return LINES; }
static inline int kw_cols(void) { return COLS; }
static inline int kw_maxy(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)x; return y; }
static inline int kw_maxx(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)y; return x; }
static inline WINDOW *kw_stdscr(void) { return stdscr; }
static inline int kw_attr_reverse(void) { return (int)A_REVERSE; }
static inline int kw_attr_bold(void) { return (int)A_BOLD; }
static inline int kw_attr_underline(void) { return (int)A_UNDERLINE; }
static inline int kw_attr_dim(void) { return (int)A_DIM; }
static inline int kw_attr_normal(void) { return (int)A_NORMAL; }
static inline int kw_key_resize(void) { return KEY_RESIZE; }
static inline int kw_key_f(int n) { return KEY_F(n); }
static inline int kw_ok(void) { return OK; }
static inline int kw_err(void) { return ERR; }
static inline int kw_key_code_yes(void) { return KEY_CODE_YES; }
/* Read one wide character; returns OK, KEY_CODE_YES (function key) or ERR. */
static inline int kw_get_wch(wint_t *ch) { return get_wch(ch); }
/* Add a UTF-8/locale string at y,x, truncated to n columns by the caller. */
static inline int kw_mvaddstr(int y, int x, const char *s) { return mvaddstr(y, x, s); }
static inline int kw_attron(int a) { return attron(a); }
static inline int kw_attroff(int a) { return attroff(a); }
static inline int kw_define_key(const char *seq, int code) { return define_key(seq, code); }
static inline void kw_set_escdelay(int ms) { set_escdelay(ms); }
static inline int kw_attrset(int a) { return attrset(a); }
static inline int kw_attr_color_mask(void) { return (int)A_COLOR; }
/* The terminal size from the tty (after SIGWINCH); 0 when unknown. */
static inline void kw_winsize(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0) { *rows = ws.ws_row; *cols = ws.ws_col; } else { *rows = 0; *cols = 0; }
}

#endif
