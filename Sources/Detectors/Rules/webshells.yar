/*
  spoolscan built-in rules: web shells and reverse-shell droppers.
*/
rule WebShell_PHP_Eval_Request : webshell php
{
    meta:
        description = "PHP code evaluating request data (eval/assert/system on $_POST, $_GET, ...)"
    strings:
        $php = "<?" ascii
        $eval_b64 = /(eval|assert)\s*\(\s*(base64_decode|gzinflate|str_rot13|gzuncompress)\s*\(\s*\$_(POST|GET|REQUEST|COOKIE|SERVER)/ nocase
        $eval_direct = /(eval|assert)\s*\(\s*(stripslashes\s*\(\s*)?\$_(POST|GET|REQUEST|COOKIE)\s*\[/ nocase
        $exec = /(system|passthru|shell_exec|exec|popen|proc_open)\s*\(\s*\$_(POST|GET|REQUEST|COOKIE)\s*\[/ nocase
        $create = /create_function\s*\([^)]*\$_(POST|GET|REQUEST)/ nocase
    condition:
        $php and any of ($eval_b64, $eval_direct, $exec, $create)
}

rule WebShell_PHP_Known_Kits : webshell php
{
    meta:
        description = "Markers of the c99 / r57 / WSO PHP shell kits"
    strings:
        $c99a = "c99shell" nocase
        $c99b = "c99_buff_prepare"
        $c99c = "c99sh_surl"
        $r57a = "r57shell" nocase
        $r57b = "r57_pwd_hash"
        $wso = "WSO_VERSION"
        $b374k = "b374k" nocase
    condition:
        any of them
}

rule WebShell_JSP_Runtime_Exec : webshell jsp
{
    meta:
        description = "JSP page running a command taken from the request"
    strings:
        $jsp = "<%"
        $exec = /Runtime\.getRuntime\(\)\.exec\s*\(\s*request\.getParameter\s*\(/
        $pb = /new\s+ProcessBuilder\s*\(\s*request\.getParameter\s*\(/
        $cmd = /getParameter\s*\(\s*"cmd"\s*\)/
        $rt = "Runtime.getRuntime().exec("
    condition:
        $jsp and ($exec or $pb or ($cmd and $rt))
}

rule WebShell_ASPX_Process_Start : webshell aspx
{
    meta:
        description = "ASP.NET page starting a process with request input"
    strings:
        $page = "<%@ Page" nocase
        $start = /Process\.Start\s*\([^)]{0,80}Request(\.Form|\.QueryString)?\s*\[/
    condition:
        $page and $start
}

rule Backdoor_Reverse_Shell_OneLiner : backdoor
{
    meta:
        description = "Interactive shell redirected to a TCP connection"
    strings:
        $bash = /bash\s+-i\s*>&\s*\/dev\/tcp\/[0-9A-Za-z.\-]+\/[0-9]+/
        $nc = /\bnc(at)? [^\n|;]{0,80}-e \/bin\/(ba)?sh/
        $py = /socket\.socket\([^\n]{0,200}\.connect\(\([^\n]{0,200}pty\.spawn\(["']\/bin\/(ba)?sh/
    condition:
        any of them
}
