/* The floor for YAMLReader's speed: parse a file's events with libyaml and count them, nothing
 * else. Reads the whole file first, as YAMLReader's caller does.
 *
 *   cc -O2 bench/libyaml-floor.c -lyaml -o /tmp/libyaml-floor
 *   /tmp/libyaml-floor spec.yaml [repeats]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <yaml.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE [repeats]\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 1; }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *text = malloc(size > 0 ? size : 1);
    if (!text || fread(text, 1, size, f) != (size_t)size) { perror("read"); return 1; }
    fclose(f);

    int repeats = argc > 2 ? atoi(argv[2]) : 1;
    double best = 1e9;
    long events = 0;
    for (int r = 0; r < repeats; r++) {
        double start = now();
        yaml_parser_t *parser = malloc(sizeof *parser);
        yaml_parser_initialize(parser);
        yaml_parser_set_input_string(parser, text, size);
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING);
        yaml_event_t event;
        events = 0;
        for (;;) {
            if (!yaml_parser_parse(parser, &event)) {
                fprintf(stderr, "%s:%zu:%zu: %s\n", argv[1], parser->problem_mark.line + 1,
                        parser->problem_mark.column + 1, parser->problem);
                return 1;
            }
            int done = event.type == YAML_STREAM_END_EVENT;
            yaml_event_delete(&event);
            events++;
            if (done) break;
        }
        yaml_parser_delete(parser);
        free(parser);
        double elapsed = now() - start;
        if (elapsed < best) best = elapsed;
    }
    printf("%ld events, %ld bytes, best of %d: %.2f ms\n", events, size, repeats, best * 1000);
    free(text);
    return 0;
}
