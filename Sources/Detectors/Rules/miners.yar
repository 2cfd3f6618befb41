/*
  spoolscan built-in rules: crypto-currency miners (binaries, scripts and configs).
*/
rule Miner_Stratum_Pool_URL : miner
{
    meta:
        description = "Mining pool URL (stratum protocol)"
    strings:
        $tcp = "stratum+tcp://" nocase
        $ssl = "stratum+ssl://" nocase
        $tls = "stratum+tls://" nocase
        $v2 = "stratum2+tcp://" nocase
    condition:
        any of them
}

rule Miner_XMRig : miner
{
    meta:
        description = "XMRig Monero miner (binary or build)"
    strings:
        $name = "xmrig" nocase
        $agent = "XMRig/"
        $donate = "donate-level"
        $randomx = "randomx" nocase
        $cn = "cryptonight" nocase
        $nicehash = "nicehash" nocase
        $coin = "monero" nocase
    condition:
        $agent or ($name and 2 of ($donate, $randomx, $cn, $nicehash, $coin))
}

rule Miner_XMRig_Config : miner
{
    meta:
        description = "XMRig-style miner configuration (pools and donate level)"
    strings:
        $donate = "\"donate-level\""
        $pools = "\"pools\""
        $user = "\"user\""
    condition:
        filesize < 1MB and all of them
}

rule Miner_Known_Pool_Host : miner
{
    meta:
        description = "Host name of a public Monero mining pool"
    strings:
        $a = "minexmr.com" nocase
        $b = "supportxmr.com" nocase
        $c = "moneroocean.stream" nocase
        $d = "xmr.nanopool.org" nocase
        $e = "pool.hashvault.pro" nocase
        $f = "c3pool.com" nocase
        $g = "xmrpool.eu" nocase
        $h = "xmr.2miners.com" nocase
    condition:
        any of them
}
