/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-cli.c: the top level of harbor-cli and its shared helpers
 *
 * Copyright 2026 The Harbor authors
 */

#define G_LOG_DOMAIN "harbor-cli"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <fcntl.h>

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <sodium.h>

#include "harbor-core.h"
#include "harbor-cli.h"

#define SECRET_MAX 1024

/* The subcommands, in the order --help lists them. Each area of the core
 * adds its own line here. */
static const HarborCliCommand commands[] = {
  { "version", N_("Show the version of Harbor and of its libraries"), harbor_cli_version_main },
  { "rules", N_("Check, list and show the statute rule data"), harbor_cli_rules_main },
  { "evaluate", N_("Evaluate a harbor-case/1 file: which relief each record may qualify for"), harbor_cli_evaluate_main },
  { "vault", N_("Create, open, search and check an encrypted vault"), harbor_cli_vault_main },
  { "report", N_("Write a referral summary or de-identified counts from a vault"), harbor_cli_report_main },
  { "bench", N_("Benchmarks: time the vault or the engine"), harbor_cli_bench_main },
};

static void
print_command_list (FILE                   *stream,
                    const char             *parent,
                    const HarborCliCommand *list,
                    gsize                   n_list)
{
  fprintf (stream, _("Usage: %s COMMAND [OPTION…]\n"), parent);
  fprintf (stream, "\n%s\n", _("Commands:"));
  for (gsize i = 0; i < n_list; i++)
    fprintf (stream, "  %-12s %s\n", list[i].name, _(list[i].summary));
  fprintf (stream, "\n");
  fprintf (stream, _("Run “%s COMMAND --help” for the options of one command.\n"), parent);
}

static int
vfail (const char *command,
       int         code,
       const char *format,
       va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  if (command != NULL)
    fprintf (stderr, "harbor-cli: %s: %s\n", command, message);
  else
    fprintf (stderr, "harbor-cli: %s\n", message);
  return code;
}

/**
 * harbor_cli_usage_error:
 * @command: (nullable): the (sub)command, such as "vault create"
 * @format: printf-style message
 *
 * Prints a one-line usage error on stderr.
 *
 * Returns: %HARBOR_CLI_EXIT_USAGE
 */
int
harbor_cli_usage_error (const char *command,
                        const char *format,
                        ...)
{
  va_list args;
  int ret;

  va_start (args, format);
  ret = vfail (command, HARBOR_CLI_EXIT_USAGE, format, args);
  va_end (args);
  return ret;
}

/**
 * harbor_cli_fail:
 * @command: (nullable): the (sub)command
 * @format: printf-style message
 *
 * Prints a one-line error on stderr for an operation that failed.
 *
 * Returns: %HARBOR_CLI_EXIT_FAILED
 */
int
harbor_cli_fail (const char *command,
                 const char *format,
                 ...)
{
  va_list args;
  int ret;

  va_start (args, format);
  ret = vfail (command, HARBOR_CLI_EXIT_FAILED, format, args);
  va_end (args);
  return ret;
}

/**
 * harbor_cli_fail_error:
 * @command: (nullable): the (sub)command
 * @error: the error
 *
 * Prints @error's message as a one-line error.
 *
 * Returns: %HARBOR_CLI_EXIT_FAILED
 */
int
harbor_cli_fail_error (const char   *command,
                       const GError *error)
{
  return harbor_cli_fail (command, "%s", error->message);
}

/**
 * harbor_cli_parse_options:
 * @context: an option context with the command's entries
 * @command: the command's name for error messages
 * @argc: (inout): argument count
 * @argv: (inout): arguments
 *
 * Parses options, printing a one-line error on bad usage.
 *
 * Returns: -1 to go on, or the exit code to return at once (0 after --help)
 */
int
harbor_cli_parse_options (GOptionContext *context,
                          const char     *command,
                          int            *argc,
                          char         ***argv)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    return harbor_cli_usage_error (command, "%s", error->message);
  return -1;
}

/**
 * harbor_cli_dispatch:
 * @parent: the name shown in usage, such as "harbor-cli vault"
 * @list: the subcommands
 * @n_list: their number
 * @argc: argument count; argv[0] is the parent command
 * @argv: arguments
 *
 * Runs the subcommand named by argv[1], handling --help.
 *
 * Returns: the exit code
 */
int
harbor_cli_dispatch (const char             *parent,
                     const HarborCliCommand *list,
                     gsize                   n_list,
                     int                     argc,
                     char                  **argv)
{
  if (argc < 2)
    {
      print_command_list (stderr, parent, list, n_list);
      return HARBOR_CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_command_list (stdout, parent, list, n_list);
      return HARBOR_CLI_EXIT_OK;
    }

  for (gsize i = 0; i < n_list; i++)
    {
      if (g_str_equal (argv[1], list[i].name))
        return list[i].main (argc - 1, argv + 1);
    }

  return harbor_cli_usage_error (NULL,
                                 _("“%s” is not a command of %s; run “%s --help” for the list"),
                                 argv[1], parent, parent);
}

static gboolean
read_line_fd (int      fd,
              char    *buffer,
              gsize    size,
              GError **error)
{
  gsize len = 0;

  for (;;)
    {
      char c;
      ssize_t n = read (fd, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not read the passphrase: %s"), g_strerror (saved_errno));
          return FALSE;
        }
      if (n == 0)
        {
          if (len == 0)
            {
              g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                   _("Expected a passphrase on standard input, but the input ended"));
              return FALSE;
            }
          break;
        }
      if (c == '\n')
        break;
      if (len + 1 >= size)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The passphrase is longer than %u characters"), (guint) (size - 1));
          return FALSE;
        }
      buffer[len++] = c;
    }

  /* Tolerate files written on Windows. */
  if (len > 0 && buffer[len - 1] == '\r')
    len--;
  buffer[len] = '\0';
  return TRUE;
}

/**
 * harbor_cli_read_secret:
 * @prompt: the prompt shown on a terminal
 * @error: return location for a #GError
 *
 * Reads one secret line. From a terminal it prompts and turns echo off;
 * otherwise it reads the next line of standard input. Secrets never come
 * from the command line or the environment.
 *
 * Returns: (transfer full): the secret in guarded memory; free it with
 *   harbor_cli_free_secret()
 */
char *
harbor_cli_read_secret (const char  *prompt,
                        GError     **error)
{
  char *buffer = sodium_malloc (SECRET_MAX);
  gboolean ok;

  if (buffer == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           _("Could not allocate protected memory"));
      return NULL;
    }

  if (isatty (STDIN_FILENO))
    {
      struct termios saved, quiet;
      int tty = open ("/dev/tty", O_RDWR | O_CLOEXEC);
      int fd = tty >= 0 ? tty : STDIN_FILENO;
      gboolean restore = tcgetattr (fd, &saved) == 0;

      if (restore)
        {
          quiet = saved;
          quiet.c_lflag &= ~(tcflag_t) ECHO;
          tcsetattr (fd, TCSAFLUSH, &quiet);
        }
      fprintf (stderr, "%s", prompt);
      fflush (stderr);
      ok = read_line_fd (fd, buffer, SECRET_MAX, error);
      if (restore)
        tcsetattr (fd, TCSAFLUSH, &saved);
      fprintf (stderr, "\n");
      if (tty >= 0)
        close (tty);
    }
  else
    {
      ok = read_line_fd (STDIN_FILENO, buffer, SECRET_MAX, error);
    }

  if (!ok)
    {
      sodium_free (buffer);
      return NULL;
    }
  return buffer;
}

/**
 * harbor_cli_free_secret:
 * @secret: (nullable): a secret from harbor_cli_read_secret()
 *
 * Wipes and frees a secret.
 */
void
harbor_cli_free_secret (char *secret)
{
  if (secret != NULL)
    sodium_free (secret);
}

int
harbor_cli_version_main (int    argc,
                         char **argv)
{
  if (argc > 1 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf (_("Usage: harbor-cli version\n\nShows the version of Harbor and of the libraries it runs with.\n"));
      return HARBOR_CLI_EXIT_OK;
    }
  if (argc > 1)
    return harbor_cli_usage_error ("version", _("unexpected argument “%s”"), argv[1]);

  printf ("harbor-cli %s\n", harbor_core_get_version ());
  printf ("libsodium %s\n", harbor_core_get_sodium_version ());
  printf ("SQLite %s\n", harbor_core_get_sqlite_version ());
  return HARBOR_CLI_EXIT_OK;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!harbor_core_init (&error))
    return harbor_cli_fail_error (NULL, error);

  if (argc >= 2 && g_str_equal (argv[1], "--version"))
    {
      printf ("harbor-cli %s\n", harbor_core_get_version ());
      return HARBOR_CLI_EXIT_OK;
    }

  return harbor_cli_dispatch ("harbor-cli", commands, G_N_ELEMENTS (commands), argc, argv);
}
